"""Turns what people call their country ("the uk", "aussie", "en-NZ") into an ISO 3166-1 alpha-2 code.

The names live in data/referrals/countries.yml, reviewed data rather than strings in code.
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "data" / "referrals" / "countries.yml"


@lru_cache(maxsize=1)
def _countries() -> tuple:
    return tuple(yaml.safe_load(COUNTRIES_FILE.read_text(encoding="utf-8"))["countries"])


@lru_cache(maxsize=1)
def _codes_by_name() -> dict:
    return {_clean(name): entry["code"] for entry in _countries() for name in entry["names"]}


def _clean(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower().replace(".", "")).strip()


@lru_cache(maxsize=1)
def _names_by_code() -> dict:
    return {entry["code"]: entry["names"][0] for entry in _countries()}


def country_name(code: str) -> str:
    """A display name: the first name listed for the code ("united kingdom" -> "the United Kingdom")."""
    name = _names_by_code().get(code, code)
    titled = " ".join(word if word in ("of", "and") else word.capitalize() for word in name.split())
    return f"the {titled}" if name.startswith(("united", "netherlands", "philippines")) else titled


@lru_cache(maxsize=1)
def known_codes() -> frozenset:
    return frozenset(entry["code"] for entry in _countries())


def country_code(text: Optional[str]) -> Optional[str]:
    """The code for a country name, adjective or abbreviation; None when it names no country."""
    if not text:
        return None
    cleaned = _clean(text)
    if cleaned in _codes_by_name():
        return _codes_by_name()[cleaned]
    without_article = re.sub(r"^the ", "", cleaned)
    return _codes_by_name().get(without_article)


def country_from_locale(locale: Optional[str]) -> Optional[str]:
    """The region of a locale such as "en-GB" or "en_NZ"; a bare language ("en") names no country."""
    if not locale:
        return None
    parts = re.split(r"[-_]", locale.strip())
    region = parts[-1].upper() if len(parts) > 1 else ""
    return region if len(region) == 2 and region in known_codes() else None


def resolve_country(said: Iterable[Optional[str]], locale: Optional[str]) -> Optional[str]:
    """What the person said wins over what the channel guesses from their language settings."""
    for value in said:
        code = value if value in known_codes() else country_code(value)
        if code:
            return code
    return country_from_locale(locale)
