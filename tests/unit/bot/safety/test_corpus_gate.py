"""The detector against the labelled corpora: the gate `make test` holds it to.

Gated: data/risk/legacy_development.yml and legacy_holdout.yml (first held out, since used for
tuning): recall on the explicit positives must be 100% and the false-alarm rate at most 3%.
crisis_corpus_holdout2.yml is sealed: its entries were never read while writing the patterns, so its
figures (printed in the report, not gated) say how the detector does on messages it has never seen.
"""

import pytest

from bot.safety.detector import RiskDetector
from crisis.categories import CATEGORY_PRIORITY
from tests.helpers import ROOT
from tools.risk_evaluation import CORPUS_FILES, FIRST_SEALED, evaluate, format_report, load_corpus

GATED = CORPUS_FILES
SEALED = FIRST_SEALED
REPORT = ROOT / "artifacts" / "crisis_detector_report.txt"
MAX_FALSE_ALARM_RATE = 0.03


@pytest.fixture(scope="module")
def gated_report():
    detector = RiskDetector()
    entries = [entry for name in GATED for entry in load_corpus(name)]
    report = evaluate(detector, entries)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        format_report(" + ".join(GATED), report)
        + "\n\n"
        + format_report(f"{SEALED} (sealed, not gated)", evaluate(detector, load_corpus(SEALED)))
        + "\n",
        encoding="utf-8",
    )
    return report, entries


def test_the_corpora_are_big_enough_and_cover_every_category(gated_report):
    report, entries = gated_report
    assert len(entries) >= 400
    for category in CATEGORY_PRIORITY:
        assert report.positives[(category, "explicit")] >= 20, category
    assert sum(report.negatives.values()) >= 150


@pytest.mark.parametrize("category", CATEGORY_PRIORITY)
def test_every_explicit_positive_is_caught(gated_report, category):
    report, _ = gated_report
    missed = [m for m in report.missed if m[1] == category and m[2] == "explicit"]
    assert report.recall(category, "explicit") == 1.0, missed


def test_false_alarm_rate_is_at_most_three_percent(gated_report):
    report, _ = gated_report
    assert report.false_alarm_rate <= MAX_FALSE_ALARM_RATE, report.alarmed
