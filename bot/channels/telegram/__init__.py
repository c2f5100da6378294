"""The Telegram front-end: its own process (python-telegram-bot) that talks to Rasa over REST."""
