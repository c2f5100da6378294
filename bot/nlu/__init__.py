"""Rasa graph components (thin wrappers): MiniLM features for DIET and the risk layer's NLU step."""
