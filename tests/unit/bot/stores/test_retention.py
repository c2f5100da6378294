"""Retention on a real SQLite file, with the clock given to it."""

import asyncio
import os
import subprocess
import sys
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.stores.redacting_store import RedactingSQLTrackerStore
from bot.stores.retention import DEFAULT_RETENTION_DAYS, purge_idle, retention_days
from tests.helpers import ROOT

DAY = 86400.0
# The clock the tests give purge_idle; it starts at the real time so the command (which reads the real
# clock) sees the same ages.
NOW = float(int(time.time()))


def conversation(store, sender: str, last_written: float) -> None:
    tracker = DialogueStateTracker(sender, Domain.empty().slots)
    tracker.update(UserUttered("hello there", timestamp=last_written - DAY))
    tracker.update(ActionExecuted("utter_greet", timestamp=last_written - DAY))
    tracker.update(UserUttered("still here", timestamp=last_written))
    asyncio.run(store.save(tracker))


def senders(url: str) -> set:
    with create_engine(url).connect() as connection:
        return {row[0] for row in connection.execute(text("SELECT DISTINCT sender_id FROM events"))}


@pytest.fixture()
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'retention.db'}"
    store = RedactingSQLTrackerStore(host=url)
    conversation(store, "idle-31-days", NOW - 31 * DAY)
    conversation(store, "idle-29-days", NOW - 29 * DAY)
    conversation(store, "written-today", NOW - 60)
    # Started long ago but written in yesterday: kept whole, never cut in half.
    conversation(store, "long-running", NOW - DAY)
    return url


def test_conversations_idle_longer_than_the_period_are_deleted_whole_and_the_rest_kept(url):
    assert purge_idle(url, DEFAULT_RETENTION_DAYS, NOW) == (1, 3)
    assert senders(url) == {"idle-29-days", "written-today", "long-running"}
    assert purge_idle(url, DEFAULT_RETENTION_DAYS, NOW) == (0, 0)
    # Two days later on the same clock, the 29-day one has passed the period too.
    assert purge_idle(url, DEFAULT_RETENTION_DAYS, NOW + 2 * DAY) == (1, 3)
    assert senders(url) == {"written-today", "long-running"}


def test_the_period_is_configurable():
    assert retention_days(None) == retention_days("") == 30
    assert retention_days("7") == 7
    with pytest.raises(ValueError):
        retention_days("-1")


def test_make_purge_command_uses_database_url_and_retention_days(url):
    env = {**os.environ, "DATABASE_URL": url, "RETENTION_DAYS": "30", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot.stores.retention"], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "deleted 1 conversations (3 rows) idle for more than 30 days" in done.stdout
    assert "idle-31-days" not in done.stdout + done.stderr  # never which
    assert senders(url) == {"idle-29-days", "written-today", "long-running"}


def test_an_empty_database_has_nothing_to_purge(tmp_path):
    assert purge_idle(f"sqlite:///{tmp_path / 'empty.db'}", 30, NOW) == (0, 0)
