"""The store guard: only the redacting store passes, inside the wrappers Rasa adds."""

import pytest
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.stores.guard import TrackerStoreNotConfigured, require_redacting_store
from bot.stores.redacting_store import RedactingSQLTrackerStore


def test_the_redacting_store_passes_inside_rasas_wrappers(tmp_path):
    store = RedactingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'a.db'}")
    require_redacting_store(FailSafeTrackerStore(store))
    require_redacting_store(FailSafeTrackerStore(AwaitableTrackerStore(store)))


def test_the_in_memory_fallback_stops_the_server():
    with pytest.raises(TrackerStoreNotConfigured, match="InMemoryTrackerStore.*endpoints.yml"):
        require_redacting_store(FailSafeTrackerStore(InMemoryTrackerStore(Domain.empty())))


def test_rasas_plain_sql_store_stops_it_too(tmp_path):
    with pytest.raises(TrackerStoreNotConfigured, match="SQLTrackerStore"):
        require_redacting_store(SQLTrackerStore(host=f"sqlite:///{tmp_path / 'b.db'}"))
