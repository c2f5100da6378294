"""The risk layer's decision (escalate, check in, carry on) with the real rules and a stand-in model.

The stand-in returns the probability written for each text, so each test says exactly what the model
saw; the real model is tested in test_risk_model.py and measured on the corpora (tools/).
"""

import pytest

from bot.safety.detector import RiskDetector
from bot.safety.risk_layer import CHECK, ESCALATE, NONE, RiskLayer, Thresholds, Turn
from bot.safety.risk_model import LABELS, MessageRows, RiskScore


class StandInModel:
    def __init__(self, probabilities, category="suicide", subject="self"):
        self.probabilities, self.category, self.subject_ = probabilities, category, subject
        self.scored = []

    def score(self, rows):
        self.scored.append(rows.texts[0])
        return RiskScore(self.probabilities.get(rows.texts[0], 0.0), self.category)

    def subject(self, rows):
        return self.subject_


def rows(text):
    return MessageRows(vectors=None, texts=(text,))


@pytest.fixture(scope="module")
def detector():
    return RiskDetector()


def layer(detector, probabilities, **kwargs):
    return RiskLayer(detector, StandInModel(probabilities, **kwargs), Thresholds(0.7, 0.3, 0.15, 2))


def decide(layer_, text, **kwargs):
    return layer_.decide(text, rows(text), vectorize=kwargs.pop("vectorize", rows), **kwargs)


def test_a_rule_hit_escalates_whatever_the_model_says(detector):
    decision = decide(layer(detector, {}), "i want to kill myself")
    assert (decision.tier, decision.category, decision.reason) == (ESCALATE, "suicide", "rules")


def test_the_model_escalates_at_its_threshold_and_checks_in_below_it(detector):
    text = "i put the tablets in a row on the counter"
    assert decide(layer(detector, {text: 0.71}), text).tier == ESCALATE
    assert decide(layer(detector, {text: 0.5}), text).tier == CHECK
    assert decide(layer(detector, {text: 0.2}), text).tier == NONE


def test_where_the_rules_saw_the_risk_words_negated_an_unsure_model_checks_in_instead(detector):
    text = "i would never kill myself, i just want him to stop"
    decision = decide(layer(detector, {text: 0.75}), text)
    assert (decision.tier, decision.reason) == (CHECK, "model_over_cancelled_rule")
    assert decide(layer(detector, {text: 0.85}), text).tier == ESCALATE  # above confident_at (0.8)
    # Below check_at_when_rules_cancelled (0.5) the denial is taken at its word, though above check_at.
    assert decide(layer(detector, {text: 0.45}), text).tier == NONE


def test_a_classifier_sure_of_an_ordinary_intent_raises_the_bar_for_a_model_check_in(detector):
    text = "i want to leave my husband"
    assert decide(layer(detector, {text: 0.35}), text, classifier_sure=True).tier == NONE
    assert decide(layer(detector, {text: 0.45}), text, classifier_sure=True).tier == CHECK
    assert decide(layer(detector, {text: 0.35}), text).tier == CHECK


def test_an_answer_to_the_safety_plan_is_not_interrupted_by_a_check_in_but_still_escalates(detector):
    text = "call the police and run to the neighbours"
    plan = layer(detector, {text: 0.45})
    assert decide(plan, text).tier == CHECK
    assert decide(plan, text, answering_plan=True).tier == NONE
    assert decide(plan, text, answering_plan=True, classifier_unsure=True).tier == NONE
    assert decide(layer(detector, {text: 0.75}), text, answering_plan=True).tier == ESCALATE
    assert decide(layer(detector, {}), "i want to kill myself", answering_plan=True).tier == ESCALATE


def test_unsure_classifier_with_a_risk_signal_checks_in_instead_of_i_did_not_get_that(detector):
    text = "everything feels far away tonight"
    assert decide(layer(detector, {text: 0.2}), text, classifier_unsure=True).tier == CHECK
    assert decide(layer(detector, {text: 0.05}), text, classifier_unsure=True).tier == NONE


def test_a_confident_classifier_crisis_guess_checks_in_unless_the_rules_saw_it_negated(detector):
    assert decide(layer(detector, {}), "its all too much", classifier_crisis="suicide").tier == CHECK
    negated = decide(layer(detector, {}), "i would never kill myself", classifier_crisis="suicide")
    assert negated.tier == NONE


def test_yes_to_a_check_in_escalates_the_category_asked_about(detector):
    decision = decide(layer(detector, {}), "yes", pending_check="danger", affirms=True)
    assert (decision.tier, decision.category, decision.reason) == (ESCALATE, "danger", "check_answer")
    assert decide(layer(detector, {}), "yes", affirms=True).tier == NONE
    assert decide(layer(detector, {}), "no", pending_check="danger").tier == NONE


def test_a_message_dangerous_only_after_the_last_ones_escalates(detector):
    earlier = Turn("i have been saving my tablets for weeks", NONE, 0.2, "suicide")
    now = "i have them in my hand now"
    joined = f"{earlier.text}\n{now}"
    decision = decide(layer(detector, {joined: 0.9}), now, history=[earlier])
    assert (decision.tier, decision.reason) == (ESCALATE, "context")


def test_a_longer_message_is_read_with_the_context_only_when_an_earlier_message_carried_a_signal(detector):
    text = "and then what happens after the honeymoon phase ends for good"
    model_layer = layer(detector, {})
    decide(model_layer, text, history=[Turn("what is a trauma bond", NONE, 0.01)])
    assert model_layer.model.scored == [text]
    decide(model_layer, text, history=[Turn("some nights are very dark", NONE, 0.12)])
    assert model_layer.model.scored[-1] == f"some nights are very dark\n{text}"


def test_a_short_message_is_read_with_the_ones_before_it_even_without_an_earlier_signal(detector):
    earlier = Turn("cleared out my bathroom cabinet today", NONE, 0.05)
    joined = f"{earlier.text}\nall in front of me now"
    thresholds = Thresholds(0.7, 0.3, 0.15, 2, context_short_words=6)
    short_reader = RiskLayer(detector, StandInModel({joined: 0.9}), thresholds)
    decision = decide(short_reader, "all in front of me now", history=[earlier])
    assert (decision.tier, decision.reason) == (ESCALATE, "context")
    longer = "and then i sat in the kitchen for an hour"
    decide(short_reader, longer, history=[earlier])
    assert short_reader.model.scored[-1] == longer  # more than six words: read on its own


ESCALATED = Turn("he said he will kill me tonight", ESCALATE, 0.95, "danger")
STILL = "hes coming up the stairs"
JOINED = f"{ESCALATED.text}\n{STILL}"


def test_after_an_escalation_a_short_answer_goes_on_with_the_crisis_whatever_it_scores_alone(detector):
    # "i took them", "hes coming up the stairs": alone they score like "i'm scared"; after the crisis
    # reply they are the crisis going on, and get its reply again.
    for alone in (0.0, 0.2):
        decision = decide(layer(detector, {STILL: alone, JOINED: 0.9}, category="suicide"), STILL, history=[ESCALATED])
        assert (decision.tier, decision.category, decision.reason) == (ESCALATE, "danger", "crisis_continues")
    between = Turn("ok", NONE, 0.01)
    later = decide(
        layer(detector, {STILL: 0.0, f"{ESCALATED.text}\nok\n{STILL}": 0.9}), STILL, history=[ESCALATED, between]
    )
    assert later.tier == ESCALATE


LONGER = "hes coming up the stairs and i can hear him shouting my name from the hall"
LONGER_JOINED = f"{ESCALATED.text}\n{LONGER}"


def test_after_an_escalation_a_longer_message_needs_some_risk_of_its_own(detector):
    # Answering "are you safe right now?" it needs continue_at_when_asked (0.15) ...
    assert decide(layer(detector, {LONGER: 0.1, LONGER_JOINED: 0.9}), LONGER, history=[ESCALATED]).tier == NONE
    assert decide(layer(detector, {LONGER: 0.2, LONGER_JOINED: 0.9}), LONGER, history=[ESCALATED]).tier == ESCALATE
    # ... and a message later, continue_at (0.3).
    between = Turn("ok", NONE, 0.01)
    joined_later = f"{ESCALATED.text}\nok\n{LONGER}"
    later = decide(layer(detector, {LONGER: 0.2, joined_later: 0.9}), LONGER, history=[ESCALATED, between])
    assert later.tier == NONE
    later = decide(layer(detector, {LONGER: 0.35, joined_later: 0.9}), LONGER, history=[ESCALATED, between])
    assert later.tier == ESCALATE


def test_a_new_danger_after_an_escalation_gets_its_own_category(detector):
    suicidal = Turn("i want to die tonight", ESCALATE, 0.95, "suicide")
    joined = f"{suicidal.text}\n{STILL}"
    # The model reads the new message as danger with some weight of its own: the danger lines.
    decision = decide(layer(detector, {STILL: 0.45, joined: 0.9}, category="danger"), STILL, history=[suicidal])
    assert (decision.tier, decision.category, decision.reason) == (ESCALATE, "danger", "crisis_continues")
    # With little weight of its own, the first crisis goes on.
    decision = decide(layer(detector, {STILL: 0.2, joined: 0.9}, category="danger"), STILL, history=[suicidal])
    assert (decision.tier, decision.category) == (ESCALATE, "suicide")


def test_after_an_escalation_thanks_a_yes_or_a_calm_reading_does_not_escalate_again(detector):
    probabilities = {STILL: 0.2, JOINED: 0.9}
    assert decide(layer(detector, probabilities), STILL, history=[ESCALATED], classifier_sure=True).tier == NONE
    yes = {"yes i am": 0.0, f"{ESCALATED.text}\nyes i am": 0.9}
    assert decide(layer(detector, yes), "yes i am", history=[ESCALATED], affirms=True).tier == NONE
    # Nor is the crisis reply's question followed by a check-in asking again.
    assert decide(layer(detector, {"i will be ok": 0.4}), "i will be ok", history=[ESCALATED]).tier == NONE
    # Nor when the two read together are no longer a crisis.
    assert decide(layer(detector, {STILL: 0.2, JOINED: 0.4}), STILL, history=[ESCALATED]).tier == NONE


def test_a_check_in_is_not_asked_twice_from_context(detector):
    earlier = Turn("some nights i dont see the point", CHECK, 0.4, "suicide")
    joined = f"{earlier.text}\nanyway"
    assert decide(layer(detector, {joined: 0.5}), "anyway", history=[earlier]).tier == NONE


def test_without_a_model_the_rules_still_decide(detector):
    rules_only = RiskLayer(detector, None)
    assert rules_only.decide("he said he will kill me if i leave", None).tier == ESCALATE
    assert rules_only.decide("what is a trauma bond", None).tier == NONE


def test_the_decision_kept_in_the_tracker_holds_no_text(detector):
    kept = decide(layer(detector, {}), "i want to kill myself").as_dict()
    assert set(kept) == {"tier", "category", "subject", "reason", "probability", "matched"}
    assert "kill" not in " ".join(str(v) for k, v in kept.items() if k != "matched")


class ByLabelModel(StandInModel):
    """A stand-in that gives P(label) for each label of LABELS (none, child, danger, suicide, self_harm,
    harm_others), so the category can be weighed."""

    def score(self, rows):
        self.scored.append(rows.texts[0])
        probabilities = self.probabilities.get(rows.texts[0], (1.0, 0, 0, 0, 0, 0))
        best = max(range(1, len(probabilities)), key=lambda i: probabilities[i])
        return RiskScore(1.0 - probabilities[0], LABELS[best], tuple(probabilities))


def test_a_message_that_escalates_alone_takes_its_category_from_both_readings_after_risky_messages(detector):
    suicidal = Turn("i cant do this anymore i want to die", ESCALATE, 0.9, "suicide")
    pills, knife = "i have all his sleeping pills here", "hes outside with a knife"
    probabilities = {
        pills: (0.3, 0, 0.01, 0.21, 0, 0.48),  # alone: his pills read as a threat to him
        f"{suicidal.text}\n{pills}": (0.1, 0, 0.01, 0.84, 0, 0.05),
        knife: (0.1, 0, 0.8, 0.05, 0, 0.05),
        f"{suicidal.text}\n{knife}": (0.1, 0, 0.2, 0.7, 0, 0),  # the whole window leans to the first crisis
    }
    risk_layer = RiskLayer(detector, ByLabelModel(probabilities), Thresholds(0.7, 0.3, 0.15, 2))
    assert decide(risk_layer, pills, history=[suicidal]).category == "suicide"
    assert decide(risk_layer, knife, history=[suicidal]).category == "danger"
    # With nothing risky before it, the message's own reading stands.
    assert decide(risk_layer, pills, history=[Turn("hi", NONE, 0.01)]).category == "harm_others"


def test_after_an_escalation_only_a_plain_yes_answers_that_they_are_safe(detector):
    suicidal = Turn("i want to die. like actually", ESCALATE, 0.9, "suicide")
    for text, tier in [
        ("yes", NONE),
        ("yeah im safe now", NONE),
        ("yes thank you", NONE),
        ("yeah i still want to", ESCALATE),
        ("yes again just now", ESCALATE),
    ]:
        probabilities = {text: 0.05, f"{suicidal.text}\n{text}": 0.9}
        decision = decide(layer(detector, probabilities), text, history=[suicidal], affirms=True, classifier_sure=True)
        assert decision.tier == tier, text
