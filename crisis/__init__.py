"""What both servers share about a crisis: categories and intent names, the card, the referral directory
and the person's country. Plain Python and SQLAlchemy; imports neither Rasa nor rasa-sdk."""
