"""Privacy through the running servers: what reaches the database, forgetting, and the store in use."""

import json
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.helpers import render_response, unconditional_texts

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


def forgets_and_goes_on_clean(running, channel: str, forget_message: str) -> None:
    person = sender()
    replies = running.say("my husband Marcus hit me again, he is going to kill me", sender=person, channel=channel)
    assert any((r.get("custom") or {}).get("type") == "crisis" for r in replies)  # a crisis is going on
    running.say("my number is 07911 123456", sender=person, channel=channel)
    assert len(stored(running.database_url, person)) > 5

    replies = running.say(forget_message, sender=person, channel=channel)
    assert [r.get("text") for r in replies] == [render_response("utter_forget_me_done", {})]
    assert stored(running.database_url, person) == []

    # The next message starts a new conversation: not the crisis that was going on, nothing earlier.
    replies = running.say("hi", sender=person, channel=channel)
    assert replies[0]["text"] in unconditional_texts("utter_greet")
    rows = stored(running.database_url, person)
    assert [data["text"] for kind, data in rows if kind == "user"] == ["hi"]
    assert not [data for kind, data in rows if kind == "slot" and data["name"] == "crisis_active" and data["value"]]
    assert "[phone]" not in json.dumps(rows) and "[name]" not in json.dumps(rows)


@pytest.mark.parametrize("channel", ["rest", "web"])
def test_the_delete_button_removes_every_row_from_sqlite_and_the_conversation_goes_on(assistant, channel):
    forgets_and_goes_on_clean(assistant, channel, "/forget_me")


def test_asking_in_words_removes_every_row_too(assistant):
    forgets_and_goes_on_clean(assistant, "rest", "please delete everything i wrote")


def test_forgetting_removes_every_row_from_postgresql_and_the_conversation_goes_on(postgres_assistant):
    forgets_and_goes_on_clean(postgres_assistant, "rest", "/forget_me")


def test_the_privacy_reply_offers_the_delete_button(assistant):
    replies = assistant.say("is this chat private?", sender=sender())
    buttons = [b for r in replies for b in r.get("buttons") or []]
    assert {"title": "Delete what I wrote", "payload": "/forget_me"} in buttons
