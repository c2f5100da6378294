"""The tables the assistant owns (Rasa's tracker store keeps its own): the directory and the audit.

Their schema is created and changed only by the Alembic migrations in migrations/.
"""

from sqlalchemy import JSON, Column, Date, DateTime, Integer, String

from crisis.database import Base


class Helpline(Base):
    __tablename__ = "helplines"

    id = Column(String(64), primary_key=True)
    country = Column(String(2), index=True, nullable=True)
    name = Column(String(200), nullable=False)
    purposes = Column(JSON, nullable=False)
    for_whom = Column("for", String(400), nullable=False)
    phone = Column(String(40))
    sms = Column(String(40))
    sms_body = Column(String(40))
    url = Column(String(300))
    hours = Column(String(100))
    source = Column(String(300), nullable=False)
    last_checked = Column(Date, nullable=False)
    check_method = Column(String(200))

    def as_entry(self) -> dict:
        """The row in the shape of a helplines.yml entry, so both sources are selected alike."""
        return {
            "country": self.country,
            "purposes": self.purposes,
            "name": self.name,
            "phone": self.phone,
            "sms": self.sms,
            "sms_body": self.sms_body,
            "url": self.url,
            "hours": self.hours,
            "for": self.for_whom,
        }


class Escalation(Base):
    """When the safety net fired, for what, on which channel: never the message or the sender."""

    __tablename__ = "escalations"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False)
    category = Column(String(20), nullable=False, index=True)
    channel = Column(String(40), nullable=False)
    country = Column(String(2), nullable=True)
