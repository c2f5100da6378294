"""Where conversations are kept: the redacting tracker store, forgetting a sender, and retention."""
