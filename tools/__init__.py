"""Evaluation and benchmark tools, outside the runtime packages (the servers never import them)."""
