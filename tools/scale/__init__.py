"""`make scale-test`: several Rasa and action servers behind nginx, on PostgreSQL and Redis, under load."""
