"""Rasa-side code of the assistant: the NLU pipeline pieces, the risk detector and the channels."""
