"""The redacting SQL tracker store on a real SQLite file: what is written, and that Rasa can go on."""

import asyncio
import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.stores.redacting_store import FORGET_ACTION, RedactingSQLTrackerStore
from tests.helpers import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
TURNS = 60


@pytest.fixture()
def store(tmp_path):
    return RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'store.db'}")


def stored_rows(store, sender):
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        )
        return [(kind, json.loads(data)) for kind, data in rows]


def turn(i: int) -> list:
    said = f"turn {i}: call me on 07911 123456, my husband Tom is back"
    return [
        UserUttered(said, {"name": "greet", "confidence": 1.0}, parse_data={"text": said, "entities": []}),
        ActionExecuted("utter_greet"),
        BotUttered("Call 0808 2000 247 any time."),
        SlotSet("country", "GB"),
        ActionExecuted("action_listen"),
    ]


def test_a_long_conversation_saved_after_every_turn_keeps_one_redacted_row_per_event_in_order(store):
    tracker = DialogueStateTracker("long-conversation", DOMAIN.slots)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    for i in range(TURNS):
        # As the server does: read back what is stored, add the turn, save.
        tracker = asyncio.run(store.retrieve(tracker.sender_id)) or tracker
        for event in turn(i):
            tracker.update(event)
        asyncio.run(store.save(tracker))

    rows = stored_rows(store, "long-conversation")
    assert len(rows) == 2 + 5 * TURNS
    users = [data for kind, data in rows if kind == "user"]
    assert [u["text"] for u in users] == [
        f"turn {i}: call me on [phone], my husband [name] is back" for i in range(TURNS)
    ]
    assert all(u["parse_data"]["text"] == u["text"] for u in users)
    bots = [data["text"] for kind, data in rows if kind == "bot"]
    assert bots == ["Call 0808 2000 247 any time."] * TURNS  # the bot's lines are kept
    timestamps = [data["timestamp"] for _, data in rows]
    assert timestamps == sorted(timestamps)
    # Read back from the session start on, as Rasa reads it (the action_session_start row is before it).
    assert len(asyncio.run(store.retrieve("long-conversation")).events) == len(rows) - 1


def test_a_new_session_counts_from_its_own_start(store):
    tracker = DialogueStateTracker("two-sessions", DOMAIN.slots)
    for event in [ActionExecuted("action_session_start"), SessionStarted(), *turn(0)]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("two-sessions"))
    for event in [ActionExecuted("action_session_start"), SessionStarted(), *turn(1)]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    # The next message reads the new session back; saving it unchanged writes nothing twice.
    asyncio.run(store.save(asyncio.run(store.retrieve("two-sessions"))))
    assert len(stored_rows(store, "two-sessions")) == 14


def test_a_turn_that_confirms_forgetting_deletes_every_row_and_writes_nothing(store):
    tracker = DialogueStateTracker("forgetful", DOMAIN.slots)
    for event in turn(0):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    other = DialogueStateTracker("someone-else", DOMAIN.slots)
    other.update(UserUttered("hello there"))
    asyncio.run(store.save(other))

    tracker.update(UserUttered("delete what I wrote", {"name": "forget_me", "confidence": 1.0}))
    tracker.update(ActionExecuted(FORGET_ACTION))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))

    assert stored_rows(store, "forgetful") == []
    assert asyncio.run(store.retrieve("forgetful")) is None  # the next message starts afresh
    assert len(stored_rows(store, "someone-else")) == 1
