"""The referral directory: crisis and domestic-abuse lines per country, reviewed data kept in SQL.

data/referrals/helplines.yml is the reviewed source (each entry with a source and a last-checked date);
`python -m crisis.seed` loads it into the `helplines` table, so operators can query and audit what the
assistant hands out. Reading never writes. If the table cannot be read or is empty, the lines come
straight from the file and the failure is logged as an error: a crisis referral never goes empty
because a store is down.
"""

import datetime
import logging
from pathlib import Path
from typing import Iterable, Optional

import yaml
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from crisis.card import lines_card
from crisis.countries import country_from_locale
from crisis.database import database_url, session_factory
from crisis.tables import Helpline

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


def read_entries(path: Path = HELPLINES_FILE) -> list:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]
    for entry in entries:
        if isinstance(entry["last_checked"], str):
            entry["last_checked"] = datetime.date.fromisoformat(entry["last_checked"])
    return entries


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
    try:
        with session_factory(url or database_url())() as session:
            rows = session.execute(select(Helpline)).scalars().all()
        if rows:
            return _select([row.as_entry() for row in rows], country, need)
        logger.error(
            "The helpline directory table is empty (run `python -m crisis.seed`); serving " "lines from %s",
            HELPLINES_FILE,
        )
    except (SQLAlchemyError, OSError):
        logger.exception("Helpline directory unreadable in the database; serving lines from %s", HELPLINES_FILE)
    return lines_from_file(country, need)


def lines_from_file(country: Optional[str], need: str) -> list:
    """The same lines read straight from the reviewed file, with no database involved."""
    return _select(read_entries(), country, need)


def offline_lines(locale: Optional[str]) -> dict:
    """What a channel keeps for when the assistant cannot be reached: crisis lines for the browser's
    region, read from the file so that a channel never touches the database."""
    country = country_from_locale(locale)
    return {"country": country, "lines": crisis_lines_from_file(country)}


def crisis_lines_from_file(country: Optional[str]) -> list:
    """The lines a channel gives when it cannot ask the assistant which crisis it is: the emergency
    number and the suicide and danger lines, read from the reviewed file."""
    suicide, danger = lines_from_file(country, "suicide"), lines_from_file(country, "danger")
    return suicide + [line for line in danger if line not in suicide]


def offline_card(country: Optional[str]) -> dict:
    """Those lines as a card (`"type": "lines"`), for a channel that answers without the assistant's
    help: Rasa unreachable (Telegram), or its conversation store down (the REST and web channels)."""
    return lines_card("crisis", country, crisis_lines_from_file(country))


# The emergency numbers the static replies give while the person's country is unknown: the
# `emergency_number` slot's initial value in domain.yml (a unit test keeps the two the same).
EMERGENCY_NUMBERS_ANYWHERE = (
    "911 (US, Canada), 999 (UK; on a mobile, if you can't speak, dial 999 and then press 55), "
    "112 or 999 (Ireland), 000 (Australia), 111 (New Zealand), 112 (India and across the EU)"
)


def emergency_number(country: Optional[str]) -> str:
    """The number the static replies tell the person to call: their country's emergency number from
    the reviewed file (never the database, so it is there when a store is down), or the list above."""
    numbers = [
        e["phone"] for e in read_entries() if country and e["country"] == country and "emergency" in e["purposes"]
    ]
    return numbers[0] if numbers else EMERGENCY_NUMBERS_ANYWHERE


def countries_with_lines() -> list:
    """The countries the reviewed file has lines for, in the file's order."""
    return list(dict.fromkeys(e["country"] for e in read_entries() if e["country"]))
