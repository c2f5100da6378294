"""The Rasa NLU component around the detector, tested on Messages as RasaHQ's component examples do."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.risk_component import RiskDetectorComponent, override_with_crisis
from bot.safety.detector import RiskAssessment, RiskDetector


@pytest.fixture(scope="module")
def component():
    return RiskDetectorComponent(RiskDetector())


def message(text, intent="greet", confidence=0.9, ranking=None):
    msg = Message(data={"text": text})
    msg.set("intent", {"name": intent, "confidence": confidence})
    msg.set("intent_ranking", ranking or [{"name": intent, "confidence": confidence}])
    msg.set("entities", [])
    return msg


def test_a_rule_hit_overrides_the_classifier_at_full_confidence(component):
    [msg] = component.process([message("i want to kill myself", intent="feel_overwhelmed")])
    assert msg.get("intent") == {"name": "crisis_suicide", "confidence": 1.0}
    assert msg.get("intent_ranking")[0]["name"] == "crisis_suicide"
    assert {"entity": "crisis_subject", "value": "self"}.items() <= msg.get("entities")[0].items()
    assert msg.get("risk")["category"] == "suicide"


def test_someone_else_at_risk_is_recorded_for_the_wording(component):
    [msg] = component.process([message("my brother says he wants to kill himself")])
    assert msg.get("entities")[0]["value"] == "other"


def test_a_classifier_crisis_guess_stands_when_the_rules_see_nothing(component):
    guess = [{"name": "crisis_suicide", "confidence": 0.8}, {"name": "feel_alone", "confidence": 0.2}]
    [msg] = component.process([message("i gave my cat away so she is looked after", "crisis_suicide", 0.8, guess)])
    assert msg.get("intent")["name"] == "crisis_suicide"


def test_an_unsure_classifier_crisis_guess_is_dropped(component):
    guess = [{"name": "crisis_danger", "confidence": 0.6}, {"name": "disclose_abuse", "confidence": 0.3}]
    [msg] = component.process([message("he keeps the car keys", "crisis_danger", 0.6, guess)])
    assert msg.get("intent")["name"] == "disclose_abuse"


def test_a_classifier_crisis_guess_on_an_idiom_is_dropped(component):
    guess = [{"name": "crisis_self_harm", "confidence": 0.7}, {"name": "want_to_leave", "confidence": 0.3}]
    [msg] = component.process([message("i finally cut ties with him", "crisis_self_harm", 0.7, guess)])
    assert msg.get("intent")["name"] == "want_to_leave"
    assert all(not r["name"].startswith("crisis_") for r in msg.get("intent_ranking"))


def test_button_payloads_are_left_alone(component):
    [msg] = component.process([message("/ask_crisis_lines", intent="ask_crisis_lines")])
    assert msg.get("intent")["name"] == "ask_crisis_lines"


def test_a_failing_detector_leaves_the_classifier_in_charge(caplog):
    class Broken:
        def assess(self, text):
            raise RuntimeError("boom")

    [msg] = RiskDetectorComponent(Broken()).process([message("i want to die", "crisis_suicide", 0.9)])
    assert msg.get("intent")["name"] == "crisis_suicide"
    assert "Risk detector failed" in caplog.text


def test_override_keeps_other_entities():
    parse = {
        "intent": {"name": "inform_country", "confidence": 0.9},
        "intent_ranking": [],
        "entities": [{"entity": "country", "value": "uk"}],
    }
    result = override_with_crisis(parse, "uk. i want to die", RiskAssessment("suicide", "self", ("x",)))
    assert [e["entity"] for e in result["entities"]] == ["country", "crisis_subject"]
