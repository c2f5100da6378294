"""The referral directory: crisis and domestic-abuse lines per country, reviewed data kept in SQL.

data/referrals/helplines.yml is the reviewed source (each entry with a source and a last-checked date).
It is loaded into the `helplines` table through SQLAlchemy when the action server first needs it, so
operators can query and audit what the assistant hands out. If the database cannot be read, the lines
come straight from the file and the failure is logged as an error: a crisis referral never goes
empty because a store is down.
"""
import datetime
import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml
from sqlalchemy import JSON, Column, Date, String, delete, select
from sqlalchemy.exc import SQLAlchemyError

from actions.countries import country_from_locale
from actions.database import Base, database_url, session_factory

logger = logging.getLogger(__name__)

HELPLINES_FILE = Path(__file__).resolve().parent.parent / "data" / "referrals" / "helplines.yml"
PAYLOAD_FIELDS = ("name", "phone", "sms", "sms_body", "url", "hours", "for")

# Which purposes answer which need. A crisis always includes the emergency number.
PURPOSES_FOR = {
    "suicide": ("emergency", "suicide"),
    "self_harm": ("emergency", "self_harm"),
    "danger": ("emergency", "danger"),
    "child": ("emergency", "child"),
    "harm_others": ("emergency", "harm_others"),
    "domestic_abuse": ("domestic_abuse",),
    "support": ("suicide", "domestic_abuse"),
}


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
        return {"country": self.country, "purposes": self.purposes, "name": self.name,
                "phone": self.phone, "sms": self.sms, "sms_body": self.sms_body, "url": self.url,
                "hours": self.hours, "for": self.for_whom}


def read_entries(path: Path = HELPLINES_FILE) -> list:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]
    for entry in entries:
        if isinstance(entry["last_checked"], str):
            entry["last_checked"] = datetime.date.fromisoformat(entry["last_checked"])
    return entries


def load_into_database(url: str, entries: Iterable[dict]) -> int:
    """Replaces the table's rows with the reviewed entries, in one transaction."""
    rows = [Helpline(id=e["id"], country=e["country"], name=e["name"], purposes=list(e["purposes"]),
                     for_whom=e["for"], phone=e.get("phone"), sms=e.get("sms"),
                     sms_body=e.get("sms_body"), url=e.get("url"), hours=e.get("hours"),
                     source=e["source"], last_checked=e["last_checked"],
                     check_method=e.get("check_method")) for e in entries]
    with session_factory(url).begin() as session:
        session.execute(delete(Helpline))
        session.add_all(rows)
    return len(rows)


@lru_cache(maxsize=None)
def _loaded(url: str) -> bool:
    count = load_into_database(url, read_entries())
    logger.info("Loaded %d helplines into the directory table", count)
    return True


def _select(entries: Iterable[dict], country: Optional[str], need: str) -> list:
    """Contract-shaped lines for the country (or the international ones when it has none), most
    urgent purpose first."""
    purposes = PURPOSES_FOR[need]

    def matching(wanted_country):
        return [e for e in entries if e["country"] == wanted_country and set(e["purposes"]) & set(purposes)]

    chosen = (matching(country) if country else []) or matching(None)
    chosen.sort(key=lambda e: min(purposes.index(p) for p in e["purposes"] if p in purposes))
    return [{key: e.get(key) for key in PAYLOAD_FIELDS} for e in chosen]


def lines_for(country: Optional[str], need: str, url: Optional[str] = None) -> list:
    """The contract-shaped lines for a need (a crisis category, "domestic_abuse" or "support")."""
    url = url or database_url()
    try:
        _loaded(url)
        with session_factory(url)() as session:
            rows = session.execute(select(Helpline)).scalars().all()
            return _select([row.as_entry() for row in rows], country, need)
    except (SQLAlchemyError, OSError):
        logger.exception("Helpline directory unreadable in the database; serving lines from %s",
                         HELPLINES_FILE)
        return lines_from_file(country, need)


def lines_from_file(country: Optional[str], need: str) -> list:
    """The same lines read straight from the reviewed file, with no database involved."""
    return _select(read_entries(), country, need)


def offline_lines(locale: Optional[str]) -> dict:
    """What a channel keeps for when the assistant cannot be reached: crisis lines for the browser's
    region. Read from the file, so the Rasa server process never writes the directory table."""
    country = country_from_locale(locale)
    suicide, danger = lines_from_file(country, "suicide"), lines_from_file(country, "danger")
    return {"country": country, "lines": suicide + [line for line in danger if line not in suicide]}
