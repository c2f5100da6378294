"""forget_sender, the entry point other front-ends call (Telegram's /forget), on SQLite and PostgreSQL."""

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.stores.forget import forget_sender
from bot.stores.redacting_store import RedactingSQLTrackerStore
from tests.services import postgres_database


def save_conversation(store, sender: str) -> None:
    tracker = DialogueStateTracker(sender, Domain.empty().slots)
    for event in [UserUttered("hello there"), ActionExecuted("utter_greet"), SlotSet("country", "GB")]:
        tracker.update(event)
    asyncio.run(store.save(tracker))


def count(url: str, sender: str) -> int:
    with create_engine(url).connect() as connection:
        return connection.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'forget.db'}"
    else:
        with postgres_database() as url:
            yield url


def test_forget_sender_deletes_that_senders_rows_only(url):
    store = RedactingSQLTrackerStore(host=url)
    save_conversation(store, "telegram-abc123")
    save_conversation(store, "someone-else")
    assert forget_sender(url, "telegram-abc123") == 3
    assert count(url, "telegram-abc123") == 0 and count(url, "someone-else") == 3
    assert forget_sender(url, "telegram-abc123") == 0
    store.engine.dispose()  # PostgreSQL drops the database after the test only when no one is connected


def test_a_database_with_no_conversations_yet_has_nothing_to_forget(tmp_path):
    assert forget_sender(f"sqlite:///{tmp_path / 'new.db'}", "anyone-at-all") == 0
