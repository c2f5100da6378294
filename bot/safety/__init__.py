"""The Rasa-free risk layer: the rule detector, its patterns and the normaliser that undoes disguises."""
