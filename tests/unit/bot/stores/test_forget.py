"""forget_sender on a SQLite tracker store made by Rasa's own SQLTrackerStore."""

import asyncio

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.forget import forget_sender


def save(store: SQLTrackerStore, sender: str, *texts: str) -> None:
    tracker = DialogueStateTracker.from_events(sender, [UserUttered(t) for t in texts])
    asyncio.run(store.save(tracker))


def test_forget_deletes_only_that_senders_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "store.db"))
    save(store, "tg-forget-me", "first", "second")
    save(store, "tg-keep-me", "other")
    assert forget_sender(url, "tg-forget-me") == 2
    assert asyncio.run(store.retrieve("tg-forget-me")) is None
    assert [e.text for e in asyncio.run(store.retrieve("tg-keep-me")).events] == ["other"]


def test_a_store_rasa_has_not_created_yet_holds_nothing(tmp_path):
    assert forget_sender(f"sqlite:///{tmp_path / 'empty.db'}", "tg-anyone") == 0
