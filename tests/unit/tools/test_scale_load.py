"""The load's summary: a silent answer is an answer (counted and timed) but shown apart from failures."""

from tools.scale.load import CRISIS_EVERY, CRISIS_MESSAGE, Outcome, script_for


def test_the_summary_counts_failures_and_silent_answers_apart():
    outcome = Outcome(latencies=[0.1, 0.2, 0.3, 0.4], failures=["p: 500"], silent=["q: hi"], seconds=2.0)
    assert outcome.summary() == {
        "messages": 4,
        "failures": 1,
        "silent": 1,
        "per_second": 2.0,
        "p50_ms": 200.0,
        "p95_ms": 400.0,
    }


def test_every_tenth_person_says_the_crisis_message_once_midway():
    assert script_for(0, 10)[5] == CRISIS_MESSAGE and script_for(0, 10).count(CRISIS_MESSAGE) == 1
    assert CRISIS_MESSAGE not in script_for(CRISIS_EVERY + 1, 10)
