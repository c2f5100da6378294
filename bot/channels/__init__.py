"""How people reach the assistant: the web widget's channel, and what every channel shares (common)."""
