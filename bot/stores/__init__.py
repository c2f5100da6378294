"""What the assistant keeps about people, and how it is deleted (forget_sender)."""
