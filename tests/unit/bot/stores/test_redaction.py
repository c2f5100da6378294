"""Redaction of personal data in messages, measured on a labelled corpus written for it."""

from pathlib import Path

import pytest
import yaml

from bot.stores.redaction import redact_text
from tools.redaction_recall import format_report, load, score

CORPUS_FILE = Path(__file__).parents[4] / "tests" / "data" / "redaction_corpus.yml"
CORPUS = yaml.safe_load(CORPUS_FILE.read_text())["messages"]
RECALL_FLOOR = 0.9


def test_recall_over_the_labelled_corpus_is_above_the_floor():
    report = score([(m["text"], m["redacted"]) for m in CORPUS], redact_text)
    assert report.recall >= RECALL_FLOOR, format_report(CORPUS_FILE.name, report, with_messages=False)


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


# tests/data/redaction_sealed/: written from its own brief by a writer who saw nothing of the
# recognizers, never read by the developers, scored once on 2026-12-02 (recall 0.91, 174 of 191; 4
# of 104 messages with nothing to redact changed). Held within two points; only aggregates are shown.
SEALED = Path(__file__).parents[4] / "tests" / "data" / "redaction_sealed"


def test_recall_on_the_held_out_set_stays_where_it_was_scored():
    report = score(load([SEALED]), redact_text)
    summary = format_report(SEALED.name, report, with_messages=False)
    assert report.recall >= 0.91 - 0.02, summary
    assert report.untouched_changed <= 4 + 2, summary
