"""Forgetting a sender: every stored row of their conversation deleted, at once.

`forget_sender` is the one entry point for callers outside the Rasa server (the Telegram front-end's
/forget, an operator). Inside the server, the redacting tracker store calls `delete_sender_rows` in the
same transaction as the rest of its work. Rasa's SQL tracker store keeps a conversation only in its
`events` table (slots, form answers and the person's words are all events); the escalation audit
never names a sender, so it holds nothing to forget.
"""

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, inspect
from sqlalchemy.engine import Connection

from crisis.database import engine_for

# The columns of Rasa's SQLTrackerStore table that forgetting and retention read.
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("data", Text),
)


def delete_sender_rows(connection: Connection, sender_id: str) -> int:
    """Deletes every event row of this sender; returns how many there were."""
    return connection.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount


def forget_sender(database_url: str, sender_id: str) -> int:
    """Deletes everything stored for sender_id in the database at database_url; returns the row count.

    Safe to call for a sender with nothing stored (returns 0). The next message from the same sender
    starts a new, empty conversation.
    """
    with engine_for(database_url).begin() as connection:
        if not inspect(connection).has_table(EVENTS.name):
            return 0  # no conversation was ever stored here
        return delete_sender_rows(connection, sender_id)
