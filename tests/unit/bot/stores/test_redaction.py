"""Redaction of personal data in messages, measured on a labelled corpus written for it."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.stores.redaction import redact_text

CORPUS = yaml.safe_load((Path(__file__).parents[4] / "tests" / "data" / "redaction_corpus.yml").read_text())["messages"]
PLACEHOLDERS = ("[phone]", "[email]", "[address]", "[postcode]", "[card]", "[account]", "[url]", "[name]")
RECALL_FLOOR = 0.9


def placeholders(text: str) -> Counter:
    return Counter({p: text.count(p) for p in PLACEHOLDERS if p in text})


def test_recall_over_the_labelled_corpus_is_above_the_floor():
    wanted, found = Counter(), Counter()
    for message in CORPUS:
        want = placeholders(message["redacted"])
        wanted += want
        found += want & placeholders(redact_text(message["text"]))
    recall = sum(found.values()) / sum(wanted.values())
    assert recall >= RECALL_FLOOR, {p: f"{found[p]}/{n}" for p, n in wanted.items()}


@pytest.mark.parametrize("message", [m for m in CORPUS if m["text"] == m["redacted"]], ids=lambda m: m["text"][:40])
def test_dates_ages_times_counts_and_helplines_are_left_as_written(message):
    assert redact_text(message["text"]) == message["text"]


def test_redacted_messages_are_exactly_as_labelled_apart_from_the_known_misses():
    # Without an NER model a lowercase name that is also an English word ("tom") and a bare name
    # with no relation before it ("Kevin hit me") cannot be told apart from ordinary words.
    known_misses = {"my husband tom shouts at me", "Kevin hit me last night"}
    wrong = [
        (m["redacted"], redact_text(m["text"]))
        for m in CORPUS
        if m["text"] not in known_misses and redact_text(m["text"]) != m["redacted"]
    ]
    assert not wrong


def test_one_word_identifiers_are_not_analysed():
    assert redact_text("crisis_suicide") == "crisis_suicide"
    assert redact_text("") == ""
