"""The redacting SQL tracker store on a real SQLite file: what is written, and that Rasa can go on."""

import asyncio
import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.stores.outage import TurnTrouble
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


# ---------------------------------------------------------------- the database away (bot/stores/outage.py)


class AwayDatabase:
    """A real SQLite file whose folder is moved away and back: meanwhile the store cannot open it."""

    def __init__(self, folder) -> None:
        self.folder = folder / "database"
        self.folder.mkdir()
        self.store = RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{self.folder / 'store.db'}")

    def away(self) -> None:
        self.folder.rename(self.folder.with_name("moved"))

    def back(self) -> None:
        self.folder.with_name("moved").rename(self.folder)


@pytest.fixture()
def database(tmp_path):
    return AwayDatabase(tmp_path)


def new_conversation(sender: str, *turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for event in [ActionExecuted("action_session_start"), SessionStarted()] + [e for i in turns for e in turn(i)]:
        tracker.update(event)
    return tracker


def next_turn(store, sender: str, i: int) -> DialogueStateTracker:
    """One turn as the server runs it: read (or start afresh), add the turn, save."""
    tracker = asyncio.run(store.retrieve(sender)) or new_conversation(sender)
    for event in turn(i):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    return tracker


def user_texts(rows_or_events) -> list:
    return [data["text"] for data in rows_or_events if data.get("event") == "user"]


def test_while_the_database_is_away_the_conversation_goes_on_in_memory_redacted_and_is_not_written(database):
    store = database.store
    asyncio.run(store.save(new_conversation("p", 0)))
    database.away()

    next_turn(store, "p", 1)  # nothing raised: the stored conversation cannot be read, so it starts afresh
    assert store.outage.take("p") is TurnTrouble.NOT_STORED
    tracker = next_turn(store, "p", 2)  # read back from memory: the outage's earlier turn is there
    assert user_texts(store.outage.kept_events("p")) == [
        f"turn {i}: call me on [phone], my husband [name] is back" for i in (1, 2)
    ]
    assert len(tracker.events) == len(store.outage.kept_events("p"))
    assert store.outage.take("p") is TurnTrouble.NOT_STORED

    database.back()
    tracker = next_turn(store, "p", 3)  # from what was stored before the outage; memory dropped
    assert store.outage.take("p") is None and store.outage.kept_events("p") == []
    assert user_texts(e.as_dict() for e in tracker.events) == [
        "turn 0: call me on [phone], my husband [name] is back",  # read back, as stored
        "turn 3: call me on 07911 123456, my husband Tom is back",  # the running turn, as typed
    ]
    assert user_texts(data for _, data in stored_rows(store, "p")) == [
        f"turn {i}: call me on [phone], my husband [name] is back" for i in (0, 3)
    ]


def test_a_turn_that_could_not_read_is_not_written_even_when_the_database_is_back_by_its_end(database):
    store = database.store
    asyncio.run(store.save(new_conversation("p", 0, 1, 2)))
    rows = stored_rows(store, "p")
    database.away()
    tracker = asyncio.run(store.retrieve("p")) or new_conversation("p")
    database.back()
    for event in turn(3):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    # Rasa's row count would have written part of the fresh tracker after the stored conversation.
    assert stored_rows(store, "p") == rows
    assert store.outage.take("p") is TurnTrouble.NOT_STORED


def test_a_write_that_fails_after_a_good_read_keeps_the_whole_session_for_the_next_turn(database):
    store = database.store
    asyncio.run(store.save(new_conversation("p", 0)))
    tracker = asyncio.run(store.retrieve("p"))
    for event in turn(1):
        tracker.update(event)
    database.away()
    asyncio.run(store.save(tracker))
    assert store.outage.take("p") is TurnTrouble.NOT_STORED
    tracker = next_turn(store, "p", 2)
    assert len(user_texts(e.as_dict() for e in tracker.events)) == 3  # turns 0, 1 and 2, in context


def forget_turn(tracker: DialogueStateTracker) -> DialogueStateTracker:
    tracker.update(UserUttered("delete what I wrote", {"name": "forget_me", "confidence": 1.0}))
    tracker.update(ActionExecuted(FORGET_ACTION))
    tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_forgetting_while_the_database_is_away_says_so_and_drops_what_memory_kept(database):
    store = database.store
    asyncio.run(store.save(new_conversation("p", 0)))
    database.away()
    next_turn(store, "p", 1)
    store.outage.take("p")
    asyncio.run(store.save(forget_turn(asyncio.run(store.retrieve("p")))))
    assert store.outage.take("p") is TurnTrouble.NOT_FORGOTTEN
    assert store.outage.kept_events("p") == []
    database.back()
    assert len(stored_rows(store, "p")) == 7  # still there: the person was told, and may ask again


def test_forgetting_in_a_turn_that_could_not_read_still_deletes_once_the_database_is_back(database):
    store = database.store
    asyncio.run(store.save(new_conversation("p", 0)))
    database.away()
    tracker = asyncio.run(store.retrieve("p")) or new_conversation("p")
    database.back()
    asyncio.run(store.save(forget_turn(tracker)))
    assert stored_rows(store, "p") == []
    assert store.outage.take("p") is None  # the confirmation is true
