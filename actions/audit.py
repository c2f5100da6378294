"""An audit of escalations for operators: when the safety net fired, for what, on which channel.

Never the message text, the sender or anything else that could identify the person.
"""

import datetime
from typing import Optional

from sqlalchemy import func, select

from crisis.database import database_url, session_factory
from crisis.tables import Escalation


def record_escalation(category: str, channel: Optional[str], country: Optional[str], url: Optional[str] = None) -> None:
    # Minute precision is enough to count escalations and keeps the row from pinpointing a message.
    now = datetime.datetime.utcnow().replace(second=0, microsecond=0)
    with session_factory(url or database_url()).begin() as session:
        session.add(Escalation(at=now, category=category, channel=channel or "unknown", country=country))


def escalation_counts(url: Optional[str] = None) -> dict:
    """Escalations per category, for an operator's dashboard or a quick check."""
    with session_factory(url or database_url())() as session:
        rows = session.execute(select(Escalation.category, func.count()).group_by(Escalation.category))
        return dict(rows.all())
