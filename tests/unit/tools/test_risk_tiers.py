"""Counting what each crisis message and conversation got, without a server."""

from bot.safety.risk_corpus import Example
from tools.risk_tiers import CHECK, ESCALATE, NONE, format_report, tally, tier_of

CONVERSATION = Example(text="a\nb\nc", category="suicide", kind="across_turns", turns=("a", "b", "c"))
SINGLE = Example(text="x", category="danger", kind="explicit", explicit=True)
NEGATIVE = Example(text="y", category="none", kind="idiom")


def test_a_crisis_card_outranks_a_check_in_and_a_rephrase_is_noticed():
    replies = [{"text": "Sorry, I didn't quite get that."}, {"custom": {"type": "crisis", "category": "danger"}}]
    assert tier_of(replies) == (ESCALATE, "danger", True)
    assert tier_of([{"custom": {"type": "risk_check", "category": "suicide"}}]) == (CHECK, "suicide", False)
    assert tier_of([{"text": "hello"}]) == (NONE, None, False)


def test_a_conversation_counts_by_its_last_message_and_by_its_highest_tier():
    report = tally(
        [CONVERSATION, SINGLE, NEGATIVE],
        [(NONE, None, False, ESCALATE), (ESCALATE, "danger", False, ESCALATE), (CHECK, "suicide", False, CHECK)],
    )
    assert report.escalated == 0.5 and report.explicit_escalated == 1.0
    assert report.conversations == {ESCALATE: 1}
    assert report.crisis_kinds == {("across_turns", NONE): 1, ("explicit", ESCALATE): 1}
    assert report.negatives_checked == 1.0
    text = format_report("set", report, with_messages=False)
    assert "crisis conversations 1: some message escalated 100.0%" in text
    assert "across_turns 0/0/1, explicit 1/0/1" in text
    assert "'a" not in text  # aggregates only
