"""Personal data in a message replaced by typed placeholders ("call me on [phone]"), before it is stored.

Presidio's analyzer finds the spans (recognizers in bot/stores/recognizers.py) and its anonymizer
replaces them, resolving overlaps. The directory's own numbers are public helplines, not personal data,
so a person asking "is 0808 2000 247 free?" keeps the number in what is stored.
"""

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List

# tldextract (used by Presidio's e-mail check) would otherwise fetch the public suffix list from the
# internet the first time; the copy it ships is enough, and the server makes no outside calls.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult  # noqa: E402
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine  # noqa: E402
from presidio_anonymizer import AnonymizerEngine  # noqa: E402
from presidio_anonymizer.entities import OperatorConfig  # noqa: E402

from bot.stores.recognizers import PLACEHOLDERS, recognizers  # noqa: E402
from crisis.directory import read_entries  # noqa: E402

SPACY_PIPELINE = Path(__file__).resolve().parents[2] / "build" / "spacy" / "en_lookup_lemmatizer"
MIN_PHONE_DIGITS = 7
MAY_HOLD_PERSONAL_DATA = re.compile(r"[\d@./:\s]")
OPERATORS = {entity: OperatorConfig("replace", {"new_value": value}) for entity, value in PLACEHOLDERS.items()}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@lru_cache(maxsize=1)
def directory_numbers() -> FrozenSet[str]:
    return frozenset(_digits(e[k]) for e in read_entries() for k in ("phone", "sms") if e.get(k))


@lru_cache(maxsize=1)
def _engines() -> tuple:
    registry = RecognizerRegistry(recognizers())
    # The blank pipeline has no NER: the configuration is given only so Presidio does not warn about it.
    nlp = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": str(SPACY_PIPELINE)}], ner_model_configuration=NerModelConfiguration()
    )
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    return analyzer, AnonymizerEngine()


def find_personal_data(text: str) -> List[RecognizerResult]:
    analyzer, _ = _engines()
    found = analyzer.analyze(text, language="en")
    return [
        r for r in found if not (r.entity_type == "PHONE_NUMBER" and _is_not_personal_number(text[r.start : r.end]))
    ]


def _is_not_personal_number(span: str) -> bool:
    """A helpline from the directory, or too short to be anyone's number: a year, an age, a count
    (the shortest subscriber numbers the directory's countries use have seven digits)."""
    digits = _digits(span)
    return len(digits) < MIN_PHONE_DIGITS or digits in directory_numbers()


def redact_text(text: str) -> str:
    """The text with every personal detail found replaced by its placeholder."""
    if not MAY_HOLD_PERSONAL_DATA.search(text):
        return text  # one bare word ("crisis_suicide", "GB"): every recognizer needs more than that
    found = find_personal_data(text)
    if not found:
        return text
    _, anonymizer = _engines()
    return anonymizer.anonymize(text, found, operators=OPERATORS).text
