"""An audit of escalations for operators: when the safety net fired, for what, on which channel.

Never the message text, the sender or anything else that could identify the person.
"""
import datetime
from typing import Optional

from sqlalchemy import Column, DateTime, Integer, String, func, select

from actions.database import Base, database_url, session_factory


class Escalation(Base):
    __tablename__ = "escalations"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False)
    category = Column(String(20), nullable=False, index=True)
    channel = Column(String(40), nullable=False)
    country = Column(String(2), nullable=True)


def record_escalation(category: str, channel: Optional[str], country: Optional[str],
                      url: Optional[str] = None) -> None:
    # Minute precision is enough to count escalations and keeps the row from pinpointing a message.
    now = datetime.datetime.utcnow().replace(second=0, microsecond=0)
    with session_factory(url or database_url()).begin() as session:
        session.add(Escalation(at=now, category=category, channel=channel or "unknown", country=country))


def escalation_counts(url: Optional[str] = None) -> dict:
    """Escalations per category, for an operator's dashboard or a quick check."""
    with session_factory(url or database_url())() as session:
        rows = session.execute(select(Escalation.category, func.count()).group_by(Escalation.category))
        return dict(rows.all())
