"""Text tools both the NLU and the safety layer use: the local spaCy pipeline and the MiniLM encoder."""
