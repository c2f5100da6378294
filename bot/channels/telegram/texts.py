"""The front-end's own words (texts.yml), loaded once; see that file for why they live there."""

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

TEXTS_FILE = Path(__file__).with_name("texts.yml")


@lru_cache(maxsize=1)
def _texts() -> dict:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def text(key: str, **values: object) -> str:
    """The text for key, with its {placeholders} filled; a missing key or value is a KeyError."""
    return _texts()[key].format(**values)


def commands() -> Dict[str, str]:
    """Command -> description, in menu order."""
    return dict(_texts()["commands"])
