"""Privacy through the running servers: what reaches the database, forgetting, and the store in use."""

import json
import uuid

import pytest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.e2e


def sender() -> str:
    return f"privacy-{uuid.uuid4().hex[:16]}"


def stored(database_url: str, sender_id: str) -> list:
    with create_engine(database_url).connect() as connection:
        rows = connection.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender_id}
        )
        return [(kind, json.loads(data)) for kind, data in rows]


def test_what_the_person_wrote_is_stored_redacted_and_the_bots_lines_as_sent(assistant):
    person = sender()
    assistant.say("my husband Marcus took my phone, my new number is 07911 123456", sender=person)
    replies = assistant.say("i want to die tonight", sender=person)
    rows = stored(assistant.database_url, person)
    dump = json.dumps(rows)
    assert "Marcus" not in dump and "07911" not in dump and "123456" not in dump
    texts = [data["text"] for kind, data in rows if kind == "user"]
    assert texts[0] == "my husband [name] took my phone, my new number is [phone]"
    sent = [r["text"] for r in replies if r.get("text")]
    stored_bot = [data["text"] for kind, data in rows if kind == "bot" and data.get("text")]
    assert set(sent) <= set(stored_bot)  # crisis numbers the bot sent are kept as sent
