"""Deleting one person's conversation from Rasa's SQL tracker store.

Rasa's SQLTrackerStore keeps every event of a conversation as a row of its `events` table, keyed by
`sender_id`, and holds nothing else about the sender: deleting those rows is deleting the
conversation. Rasa reads the tracker from the table for every message, so the next message starts a
new, empty conversation. Callers must not delete while a message of the same sender is being
processed: Rasa would save the whole tracker it had loaded, old events included, back into the table.
"""

from sqlalchemy import MetaData, Table, create_engine, delete
from sqlalchemy.exc import NoSuchTableError

EVENTS_TABLE = "events"


def forget_sender(database_url: str, sender_id: str) -> int:
    """Deletes every tracker-store row of this sender; returns how many rows went. A store Rasa has
    not created yet holds nothing, so it counts as forgotten."""
    engine = create_engine(database_url)
    try:
        try:
            events = Table(EVENTS_TABLE, MetaData(), autoload_with=engine)
        except NoSuchTableError:
            return 0
        with engine.begin() as connection:
            return connection.execute(delete(events).where(events.c.sender_id == sender_id)).rowcount
    finally:
        engine.dispose()
