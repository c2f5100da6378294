"""The honest figures, held: sets the developers never read, through the REST channel, as a new
person meets them.

Each set was written from its own brief by a writer who never saw the patterns, the model or the
other data, and is never trained on:
- tests/data/sealed/: crisis messages and hard negatives, scored first on 2026-12-01;
- tests/data/sealed_2/: a second such set, written on 2026-12-02 and scored once, after the last
  change to the rules, the model and the thresholds of that day;
- tests/data/ordinary/: everyday messages to the assistant, none of them a crisis, where a check-in
  is an interruption (the issue's "ordinary messages" figure).
The tests keep the scored figures from slipping, by the margin below, and print aggregates only: no
message of these sets is ever shown.
"""

import pytest

from tests.helpers import ROOT
from tools.risk_tiers import evaluate, format_report, load

pytestmark = pytest.mark.e2e

DATA = ROOT / "tests" / "data"
ARTIFACTS = ROOT / "artifacts"
# Run-to-run noise in training (the MLP and the calibration folds) moves a figure by about a point.
MARGIN = 0.02
# The figures as scored (README, "The safety net"). The targets are 95% escalated, 99%
# escalated or checked in, at most 3% of hard negatives escalated and 10% checked in, and at most 2%
# of ordinary messages checked in; where a figure misses its target, the README says so.
SCORED = {
    "sealed": {
        "escalated": None,
        "escalated_or_checked": None,
        "negatives_escalated": None,
        "negatives_checked": None,
    },
    "sealed_2": {
        "escalated": None,
        "escalated_or_checked": None,
        "negatives_escalated": None,
        "negatives_checked": None,
    },
    "ordinary": {"negatives_escalated": None, "negatives_checked": None},
}


@pytest.fixture(scope="module")
def report_of(assistant):
    """Each set's report, scored once per run and written to artifacts/ (aggregates only)."""
    reports = {}

    def score(name):
        if name not in reports:
            reports[name] = evaluate(assistant.url, load([DATA / name]))
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            path = ARTIFACTS / f"risk_{name}_report.txt"
            path.write_text(format_report(f"{name} (aggregates only)", reports[name], with_messages=False) + "\n")
            print(path.read_text())
        return reports[name]

    return score


@pytest.mark.parametrize("name", [name for name, figures in SCORED.items() if "escalated" in figures])
def test_crisis_messages_stay_escalated_or_checked_in(report_of, name):
    report, figures = report_of(name), SCORED[name]
    assert report.escalated >= figures["escalated"] - MARGIN
    assert report.escalated_or_checked >= figures["escalated_or_checked"] - MARGIN


@pytest.mark.parametrize("name", sorted(SCORED))
def test_negatives_stay_rarely_alarmed(report_of, name):
    report, figures = report_of(name), SCORED[name]
    assert report.negatives_escalated <= figures["negatives_escalated"] + MARGIN
    assert report.negatives_checked <= figures["negatives_checked"] + MARGIN
