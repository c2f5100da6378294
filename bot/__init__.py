"""The Rasa server's side: channels, NLU graph components, the Rasa-free safety layer and the text tools."""
