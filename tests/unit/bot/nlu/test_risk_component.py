"""The Rasa NLU component around the risk layer, tested on Messages and trackers without a server."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.risk_component import RiskLayerComponent, answering_plan, apply_decision, history_of, pending_check
from bot.safety.detector import RiskDetector
from bot.safety.risk_layer import CHECK, ESCALATE, NONE, Decision, RiskLayer, Thresholds
from bot.safety.risk_model import RiskScore
from tests.helpers import ROOT

CONFIG = {**RiskLayerComponent.get_default_config(), "model_kind": "rules_only"}


@pytest.fixture(scope="module")
def component():
    instance = RiskLayerComponent(CONFIG, model_storage=None, resource=None)
    instance.layer = RiskLayer(RiskDetector(), None, Thresholds())
    return instance


def message(text, intent="greet", confidence=0.9):
    msg = Message(data={"text": text})
    msg.set("intent", {"name": intent, "confidence": confidence})
    msg.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    msg.set("entities", [{"entity": "country", "value": "uk"}])
    return msg


def parse(intent="feel_overwhelmed"):
    return {
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "entities": [{"entity": "country", "value": "uk"}],
    }


def entities(result):
    return {e["entity"]: e["value"] for e in result["entities"]}


def test_an_escalation_sets_the_crisis_intent_with_who_is_at_risk_and_keeps_other_entities():
    result = apply_decision(parse(), "text", Decision(ESCALATE, "danger", "other", "rules"))
    assert result["intent"] == {"name": "crisis_danger", "confidence": 1.0}
    assert result["intent_ranking"][0]["name"] == "crisis_danger"
    assert entities(result) == {
        "country": "uk",
        "risk_category": "danger",
        "crisis_subject": "other",
        "crisis_context": "plain",
    }


def test_a_crisis_going_on_after_its_reply_is_marked_so_its_reply_is_not_the_first_words_again():
    result = apply_decision(parse(), "i took them", Decision(ESCALATE, "suicide", "self", "crisis_continues"))
    assert entities(result)["crisis_context"] == "continues"
    assert entities(apply_decision(parse(), "text", Decision(ESCALATE, "suicide", "self", "model")))[
        "crisis_context"
    ] == ("plain")


def test_a_check_in_sets_the_check_intent_and_its_category():
    result = apply_decision(parse(), "text", Decision(CHECK, "self_harm", "self", "model"))
    assert result["intent"]["name"] == "risk_check"
    assert entities(result)["risk_category"] == "self_harm"


def test_carrying_on_drops_a_crisis_guess_the_layer_did_not_confirm():
    guessed = parse("crisis_suicide")
    guessed["intent_ranking"].append({"name": "feel_alone", "confidence": 0.05})
    result = apply_decision(guessed, "text", Decision(NONE))
    assert result["intent"]["name"] == "feel_alone"
    assert apply_decision(parse(), "text", Decision(NONE))["intent"]["name"] == "feel_overwhelmed"


def test_the_component_escalates_a_rule_hit_and_records_the_decision(component):
    [msg] = component.process([message("he has a knife and says he will kill me")])
    assert msg.get("intent")["name"] == "crisis_danger"
    assert msg.get("risk")["tier"] == ESCALATE and msg.get("risk")["reason"] == "rules"


def test_button_payloads_are_left_alone(component):
    [msg] = component.process([message("/affirm", intent="affirm")])
    assert msg.get("intent")["name"] == "affirm" and msg.get("risk") is None


def test_a_failing_model_leaves_the_rules_in_charge(caplog):
    class Broken:
        def score(self, rows):
            raise RuntimeError("boom")

    instance = RiskLayerComponent(CONFIG, model_storage=None, resource=None)
    instance.layer = RiskLayer(RiskDetector(), Broken(), Thresholds())
    [msg] = instance.process([message("i want to kill myself")])
    assert msg.get("intent")["name"] == "crisis_suicide"
    assert "Risk layer failed" in caplog.text


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def tracker(domain, *events):
    return DialogueStateTracker.from_events("someone", list(events), domain.slots)


def test_history_is_the_typed_messages_of_this_session_with_their_decisions(domain):
    t = tracker(
        domain,
        UserUttered("before the session", parse_data={"risk": {"tier": ESCALATE}}),
        SessionStarted(),
        UserUttered("i saved my tablets", parse_data={"risk": {"tier": NONE, "probability": 0.2}}),
        UserUttered("/affirm"),
        UserUttered("they are in the drawer", parse_data={"risk": {"tier": CHECK, "category": "suicide"}}),
    )
    turns = history_of(t, 2)
    assert [turn.text for turn in turns] == ["i saved my tablets", "they are in the drawer"]
    assert turns[0].probability == 0.2 and turns[1].tier == CHECK
    assert history_of(None, 2) == []


def test_a_pending_check_in_is_the_last_thing_the_assistant_did(domain):
    asked = tracker(
        domain, SlotSet("risk_category", "danger"), ActionExecuted("utter_risk_check"), ActionExecuted("action_listen")
    )
    assert pending_check(asked) == "danger"
    moved_on = tracker(
        domain, ActionExecuted("utter_risk_check"), ActionExecuted("utter_greet"), ActionExecuted("action_listen")
    )
    assert pending_check(moved_on) is None


def test_the_safety_plan_asking_its_questions_is_read_from_the_active_form(domain):
    asking = tracker(domain, ActiveLoop("safety_plan_form"), SlotSet("requested_slot", "plan_incident"))
    assert answering_plan(asking)
    assert not answering_plan(tracker(domain, ActiveLoop("danger_check_form")))
    assert not answering_plan(tracker(domain, ActiveLoop("safety_plan_form"), ActiveLoop(None)))
    assert not answering_plan(None)


def test_the_fingerprint_reads_the_default_corpus_when_rasa_passes_a_cached_nodes_config():
    # Rasa's training hook calls fingerprint_addon with {"output": ...} once the node's output is cached.
    cached = RiskLayerComponent.fingerprint_addon({"output": None})
    assert cached == RiskLayerComponent.fingerprint_addon(RiskLayerComponent.get_default_config())


def test_the_component_trains_persists_and_loads_its_model(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    corpus = tmp_path / "risk"
    corpus.mkdir()
    phrases = {
        "suicide": "i want to end my life tonight",
        "self_harm": "i cut my arms again",
        "danger": "he locked me in and took my phone",
        "child": "my stepdad hurts me and im 12",
        "harm_others": "i am going to poison his food",
        "none": "what is a trauma bond",
    }
    examples = [
        {"text": f"{text} {n}", "category": category, "kind": "explicit", "subject": ("self", "other")[n % 2]}
        for category, text in phrases.items()
        for n in range(8)
    ]
    (corpus / "tiny.yml").write_text(__import__("yaml").safe_dump({"examples": examples}))
    config = {**RiskLayerComponent.get_default_config(), "corpus": str(corpus), "model_kind": "lexical"}
    (tmp_path / "storage").mkdir()
    storage, resource = LocalModelStorage(tmp_path / "storage"), Resource("risk")
    context = ExecutionContext(GraphSchema({}), "test")
    trained = RiskLayerComponent.create(config, storage, resource, context)
    nlu = TrainingData([Message(data={"text": "hello there", "intent": "greet"})])
    trained.train(nlu)
    loaded = RiskLayerComponent.load(config, storage, resource, context)
    [msg] = loaded.process([message("he locked me in and took my phone 3")])
    assert msg.get("risk")["tier"] == ESCALATE and msg.get("intent")["name"] == "crisis_danger"


def test_after_a_crisis_reply_an_out_of_scope_reading_does_not_stop_the_crisis_going_on(domain):
    class Risky:
        """Reads the two messages together as suicide, and the new one alone with a little risk."""

        def score(self, rows):
            return RiskScore(0.2 if rows.texts[0] == FOLLOW_UP else 0.9, "suicide")

        def subject(self, rows):
            return "self"

    instance = RiskLayerComponent(CONFIG, model_storage=None, resource=None)
    instance.layer = RiskLayer(RiskDetector(), Risky(), Thresholds())
    escalated = tracker(
        domain,
        UserUttered(
            "his sleeping pills are in the cabinet", parse_data={"risk": {"tier": ESCALATE, "probability": 0.9}}
        ),
        ActionExecuted("utter_crisis_ask_safe"),
    )
    # A confident ordinary intent stops it ("ok i'll call them"); "out of scope" is no reading there.
    [ordinary] = instance.process([message(FOLLOW_UP, intent="reaching_out", confidence=0.96)], tracker=escalated)
    assert ordinary.get("risk")["tier"] == NONE
    [off_topic] = instance.process([message(FOLLOW_UP, intent="out_of_scope", confidence=0.96)], tracker=escalated)
    assert off_topic.get("risk")["tier"] == ESCALATE and off_topic.get("intent")["name"] == "crisis_suicide"


FOLLOW_UP = "got the whole box here on the bed now"
