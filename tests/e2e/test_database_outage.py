"""A stopped database, through the running servers: while PostgreSQL is down every message is answered,
with a note and crisis lines, a crisis with its category's lines, and the conversation goes on in
memory; once it is back the conversation goes on from what was stored, and is stored again
(bot/stores/outage.py)."""

import json
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.channels.webhook import NOT_FORGOTTEN_RESPONSE, NOT_STORED_RESPONSE, domain_text
from tests.conftest import LOGS
from tests.helpers import unconditional_texts

pytestmark = pytest.mark.e2e

# Written for this test. What they say must never reach a log.
QUESTION, CRISIS, NOT_SAFE, FORGET = "what is a trauma bond", "i want to kill myself tonight", "no", "/forget_me"
WEB_GREETING, WEB_CRISIS = "hello again", "my husband strangled me last night"


def sender() -> str:
    return f"outage-{uuid.uuid4().hex[:16]}"


def texts(replies: list) -> list:
    return [r["text"] for r in replies if r.get("text")]


def cards(replies: list) -> list:
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict)]


def stored_user_texts(database_url: str, sender_id: str) -> list:
    with create_engine(database_url).connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"), {"s": sender_id}
        )
        return [json.loads(data)["text"] for (data,) in rows]


def assert_told_with_crisis_lines(replies: list, country=None) -> None:
    """The outage note first, then the general crisis lines from the reviewed file (card and text)."""
    assert replies[0]["text"] == domain_text(NOT_STORED_RESPONSE)
    card = replies[1]["custom"]
    assert (card["type"], card["need"], card["country"]) == ("lines", "crisis", country)
    assert card["lines"] and all(line["phone"] in replies[2]["text"] for line in card["lines"] if line["phone"])


def test_while_postgresql_is_down_every_message_is_answered_and_afterwards_the_conversation_goes_on(
    postgres_assistant,
):
    running, person, web_person = postgres_assistant, sender(), sender()
    asked = running.say("i want to leave him", sender=person)
    assert "safe for you to talk" in " ".join(texts(asked))
    assert stored_user_texts(running.database_url, person) == ["i want to leave him"]
    log = LOGS / "rasa.log"
    log_start = log.stat().st_size

    running.postgres.stop()
    try:
        replies = running.say(QUESTION, sender=person)
        assert_told_with_crisis_lines(replies)
        assert any("emotional attachment" in t for t in texts(replies[3:])), "and the answer itself"

        # A crisis: the static reply and the action server's card with the category's lines (read
        # from the reviewed file: the directory table is in the same stopped database), once.
        replies = running.say(CRISIS, sender=person)
        assert replies[0]["text"] == domain_text(NOT_STORED_RESPONSE)
        assert [(c["type"], c["category"]) for c in cards(replies)] == [("crisis", "suicide")]
        assert cards(replies)[0]["lines"] and "safe right now" in texts(replies)[-1]

        # The answer to "are you safe right now?" is read in context, from memory.
        replies = running.say(NOT_SAFE, sender=person)
        assert_told_with_crisis_lines(replies)
        assert set(texts(replies)) & unconditional_texts("utter_crisis_not_safe")

        # Nothing can be deleted: the person is told so, not that it is done.
        replies = running.say(FORGET, sender=person)
        assert replies[0]["text"] == domain_text(NOT_FORGOTTEN_RESPONSE)
        assert domain_text("utter_forget_me_done") not in texts(replies) and cards(replies)[0]["need"] == "crisis"

        # The web channel: the lines for the browser's country, and a crisis card of its own.
        replies = running.say(WEB_GREETING, sender=web_person, channel="web", metadata={"locale": "en-GB"})
        assert_told_with_crisis_lines(replies, country="GB")
        assert texts(replies[3:]), "and the answer itself"
        replies = running.say(WEB_CRISIS, sender=web_person, channel="web", metadata={"locale": "en-GB"})
        assert replies[0]["text"] == domain_text(NOT_STORED_RESPONSE)
        assert [(c["type"], c["category"], c["country"]) for c in cards(replies)] == [("crisis", "danger", "GB")]
    finally:
        running.postgres.start()

    # Back: no note, the conversation goes on from what was stored (the question before the outage),
    # and is stored again; nothing of the outage was written.
    replies = running.say("yes i can talk", sender=person)
    assert domain_text(NOT_STORED_RESPONSE) not in texts(replies)
    assert any(b["payload"] == "/ask_safety_plan" for r in replies for b in r.get("buttons") or [])
    assert stored_user_texts(running.database_url, person) == ["i want to leave him", "yes i can talk"]
    assert stored_user_texts(running.database_url, web_person) == []

    logged = log.read_bytes()[log_start:].decode("utf-8", "replace")
    assert "store.unavailable operation=read" in logged
    assert "store.recovered" in logged and "turns_not_stored=6" in logged
    for message in (QUESTION, CRISIS, WEB_GREETING, WEB_CRISIS):
        assert message not in logged
