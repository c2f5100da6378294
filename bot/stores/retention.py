"""Retention: conversations nobody has written in for RETENTION_DAYS (default 30) are deleted whole.

`make purge` runs `python -m bot.stores.retention` against DATABASE_URL; an operator's scheduler runs
the same command (e.g. daily from cron). A conversation's age is the time of its last stored event, so
one that is still going on is never cut in half. It prints how many conversations and rows went, never
which.
"""

import os
import sys
import time
from typing import Optional, Tuple

from sqlalchemy import delete, func, inspect, select

from bot.stores.forget import EVENTS
from crisis.database import database_url, engine_for

DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 86400


def retention_days(value: Optional[str]) -> int:
    days = int(value) if value not in (None, "") else DEFAULT_RETENTION_DAYS
    if days < 0:
        raise ValueError("RETENTION_DAYS must be 0 or more")
    return days


def purge_idle(url: str, days: int, now: float) -> Tuple[int, int]:
    """Deletes every conversation whose last event is older than `days` before `now` (Unix seconds).
    Returns (conversations, rows) deleted."""
    cutoff = now - days * SECONDS_PER_DAY
    idle = select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id).having(func.max(EVENTS.c.timestamp) < cutoff)
    with engine_for(url).begin() as connection:
        if not inspect(connection).has_table(EVENTS.name):
            return 0, 0
        senders = [row[0] for row in connection.execute(idle)]
        rows = connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(idle))).rowcount if senders else 0
        return len(senders), rows


def main() -> int:
    days = retention_days(os.environ.get("RETENTION_DAYS"))
    conversations, rows = purge_idle(database_url(), days, time.time())
    print(f"retention: deleted {conversations} conversations ({rows} rows) idle for more than {days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
