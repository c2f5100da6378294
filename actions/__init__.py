"""The action server's side: rasa-sdk actions and their plain helpers (crisis referral, support lines,
the person's country, the escalation audit)."""
