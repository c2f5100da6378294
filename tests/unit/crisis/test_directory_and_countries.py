"""The referral directory (reviewed data, SQL through SQLAlchemy) and country normalisation."""

import datetime
import re

import pytest
import yaml
from sqlalchemy import func, select

from crisis.countries import country_code, country_from_locale, country_name, resolve_country
from crisis.database import session_factory
from crisis.directory import (
    EMERGENCY_NUMBERS_ANYWHERE,
    PURPOSES_FOR,
    emergency_number,
    lines_for,
    offline_lines,
    read_entries,
)
from crisis.seed import seed, upgrade_schema
from crisis.tables import Helpline
from tests.helpers import ROOT

COVERED = ("US", "CA", "GB", "IE", "AU", "NZ", "IN")
PURPOSES = {"emergency", "suicide", "self_harm", "danger", "child", "harm_others", "domestic_abuse"}


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'directory.db'}"
    seed(url)
    return url


def _rows(url):
    with session_factory(url)() as session:
        return session.execute(select(func.count()).select_from(Helpline)).scalar()


def test_seeding_is_idempotent(db_url):
    assert _rows(db_url) == len(read_entries())
    seed(db_url)
    assert _rows(db_url) == len(read_entries())


def test_reading_never_writes_the_directory(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'unseeded.db'}"
    upgrade_schema(url)  # the schema without its rows: a seed step that was skipped
    assert any(line["phone"] == "116 123" for line in lines_for("GB", "suicide", url))
    assert "table is empty" in caplog.text
    assert _rows(url) == 0


def test_every_entry_is_reviewable():
    for entry in read_entries():
        assert entry["source"].startswith("https://"), entry["id"]
        assert isinstance(entry["last_checked"], datetime.date), entry["id"]
        assert set(entry["purposes"]) <= PURPOSES, entry["id"]
        assert entry["for"] and (entry.get("phone") or entry.get("url")), entry["id"]


@pytest.mark.parametrize("country", COVERED)
def test_each_covered_country_has_every_kind_of_line(country):
    entries = [e for e in read_entries() if e["country"] == country]
    for purpose in ("emergency", "suicide", "domestic_abuse", "child"):
        assert any(purpose in e["purposes"] for e in entries), (country, purpose)


@pytest.mark.parametrize("need", sorted(PURPOSES_FOR))
def test_the_international_fallback_answers_every_need(db_url, need):
    assert lines_for(None, need, db_url)


def test_lines_come_from_sql_in_contract_shape_emergency_first(db_url):
    lines = lines_for("GB", "suicide", db_url)
    assert lines[0]["phone"] == "999"
    assert {"name", "phone", "sms", "url", "hours", "for"} <= set(lines[0])
    assert any(line["phone"] == "116 123" for line in lines)


def test_an_uncovered_country_gets_the_international_lines(db_url):
    assert lines_for("FR", "danger", db_url) == lines_for(None, "danger", db_url)


def test_an_unreadable_database_still_gives_lines_and_says_so(caplog, tmp_path):
    broken = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    lines = lines_for("IE", "suicide", broken)
    assert any(line["phone"] == "116 123" for line in lines)
    assert "serving lines from" in caplog.text


def test_offline_lines_follow_the_browser_region_without_a_database():
    assert offline_lines("en-NZ")["country"] == "NZ"
    assert offline_lines("en")["country"] is None


def test_static_crisis_replies_only_name_listed_emergency_numbers():
    """domain.yml's crisis replies work without the action server; their numbers must be real ones."""
    emergency = {e["phone"].replace(" ", "") for e in read_entries() if "emergency" in e["purposes"]}
    emergency |= {"55"}  # the UK Silent Solution: dial 999, then 55
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        if name.startswith(("utter_crisis", "utter_danger_check")) or name in (
            "utter_support_lines_intro",
            "utter_leave_not_safe_now",
            "utter_worried_hotline",
        ):
            for variant in variants:
                for number in re.findall(r"\b\d{2,4}\b", variant["text"]):
                    assert number in emergency, (name, number)
    for number in re.findall(r"\b\d{2,4}\b", EMERGENCY_NUMBERS_ANYWHERE):
        assert number in emergency, number


def test_the_emergency_number_is_the_country_own_and_the_list_until_the_country_is_known():
    assert [emergency_number(c) for c in ("US", "GB", "AU", "NZ", "IN")] == ["911", "999", "000", "111", "112"]
    # No country, or one the directory has no emergency number for: every listed number.
    assert emergency_number(None) == emergency_number("DE") == EMERGENCY_NUMBERS_ANYWHERE
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert domain["slots"]["emergency_number"]["initial_value"] == EMERGENCY_NUMBERS_ANYWHERE


@pytest.mark.parametrize(
    "said,code",
    [
        ("the uk", "GB"),
        ("UK", "GB"),
        ("aussie", "AU"),
        ("nz", "NZ"),
        ("USA", "US"),
        ("ireland", "IE"),
        ("india", "IN"),
        ("Canada", "CA"),
    ],
)
def test_country_names_become_codes(said, code):
    assert country_code(said) == code


def test_every_country_in_the_nlu_data_is_known():
    text = (ROOT / "data" / "nlu" / "country.yml").read_text()
    for value in set(re.findall(r"\[([^\]]+)\]\(country\)", text)):
        assert country_code(value), value


def test_locales_and_precedence():
    assert country_from_locale("en-GB") == "GB"
    assert country_from_locale("en_NZ") == "NZ"
    assert country_from_locale("en") is None
    assert resolve_country(["ireland"], "en-US") == "IE"
    assert resolve_country([None], "en-US") == "US"
    assert country_name("GB") == "the United Kingdom"
