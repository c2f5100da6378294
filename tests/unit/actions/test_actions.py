"""The custom actions with rasa-sdk's CollectingDispatcher and hand-built trackers (no servers).

The actions send response names; what those responses say is in domain.yml and checked in
tests/unit/content. Here the wording is rendered through Rasa's own response generator where the
choice between variations matters (someone else at risk).
"""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.audit import escalation_counts
from actions.country import ActionSetCountry
from actions.crisis_referral import ActionCrisisReferral
from actions.support_lines import ActionDomesticAbuseLines, ActionSupportLines
from crisis.seed import seed
from tests.helpers import render_response


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'actions.db'}"
    seed(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def tracker(intent, text="...", slots=None, entities=None, metadata=None, channel="rest"):
    latest = {
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "text": text,
        "metadata": metadata or {},
    }
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    return Tracker("someone", slots or {}, latest, events, False, None, {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def card_of(messages):
    return next(m["custom"] for m in messages if m.get("custom"))


def responses(messages):
    return [m["response"] for m in messages if m.get("response")]


def test_crisis_referral_sends_the_contract_card_and_the_same_numbers_as_text(database):
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_danger", slots={"country": "US"}))
    card = card_of(messages)
    assert card["type"] == "crisis" and card["category"] == "danger" and card["country"] == "US"
    text = "\n".join(m.get("text") or "" for m in messages)
    assert "911" in text and "1 800 799 7233" in text
    assert responses(messages) == ["utter_lines_intro_danger"]
    assert slots["crisis_active"] is True
    assert escalation_counts(database) == {"danger": 1}


def test_crisis_referral_asks_the_country_once_and_uses_the_browser_region_first():
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_suicide"))
    assert card_of(messages)["country"] is None and slots["country_asked"] is True
    assert "utter_ask_country" in responses(messages)
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_suicide", slots={"country_asked": True}))
    assert "utter_ask_country" not in responses(messages)
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_suicide", metadata={"locale": "en-IE"}))
    assert card_of(messages)["country"] == "IE" and slots["country"] == "IE" and slots["emergency_number"] == "112"


def test_a_worried_friend_gets_words_for_a_friend():
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_suicide", slots={"crisis_subject": "other"}))
    intro = responses(messages)[0]
    friend = {"crisis_subject": "other", "crisis_context": "plain"}
    assert "worried about someone" in render_response(intro, friend)
    assert "worried about someone" not in render_response(intro, {"crisis_subject": "self", "crisis_context": "plain"})


def test_a_suicide_threat_used_as_control_also_gives_the_domestic_abuse_line():
    slots = {"country": "GB", "crisis_subject": "other", "crisis_context": "threat_as_control"}
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_suicide", slots=slots))
    card = card_of(messages)
    assert card["category"] == "suicide"
    assert any(line["phone"] == "116 123" for line in card["lines"])  # Samaritans
    assert any("0808 2000 247" == line["phone"] for line in card["lines"])  # the domestic abuse helpline
    intro = render_response(responses(messages)[0], slots)
    assert "for you too" in intro


def test_a_child_gets_child_lines():
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_child", slots={"country": "GB"}))
    assert any(line["phone"] == "0800 1111" for line in card_of(messages)["lines"])  # Childline


def test_feeling_unsafe_gets_the_domestic_abuse_line_without_alarm_and_a_safety_plan_offer():
    messages, _ = run(ActionSupportLines(), tracker("feel_unsafe", slots={"country": "AU"}))
    card = card_of(messages)
    assert card["type"] == "lines" and card["need"] == "domestic_abuse"
    assert any(line["phone"] == "1800 737 732" for line in card["lines"])  # 1800RESPECT
    assert responses(messages) == ["utter_lines_intro_domestic_abuse", "utter_offer_safety_plan"]
    words = " ".join(render_response(name, {}) for name in responses(messages))
    assert "emergency" not in words.lower()


def test_setting_the_country_resends_local_crisis_lines_after_an_escalation():
    events_so_far = {"crisis_active": True}
    t = tracker(
        "inform_country",
        text="im in new zealand",
        entities=[{"entity": "country", "value": "new zealand"}],
        slots=events_so_far,
    )
    t.events.insert(0, {"event": "user", "parse_data": {"intent": {"name": "crisis_danger"}}})
    messages, slots = run(ActionSetCountry(), t)
    assert slots["country"] == "NZ" and slots["emergency_number"] == "111"
    assert messages[0]["response"] == "utter_country_set" and messages[0]["country_name"] == "New Zealand"
    assert card_of(messages)["category"] == "danger" and card_of(messages)["country"] == "NZ"


def test_an_unknown_country_is_asked_again_kindly():
    messages, slots = run(ActionSetCountry(), tracker("inform_country", text="narnia"))
    assert slots == {} and responses(messages) == ["utter_country_not_recognised"]
    assert "didn't recognise" in render_response("utter_country_not_recognised", {})


def test_an_answer_after_a_disclosure_or_the_danger_check_still_gets_the_domestic_abuse_line():
    messages, _ = run(ActionDomesticAbuseLines(), tracker("affirm", slots={"country": "GB"}))
    card = card_of(messages)
    assert card["type"] == "lines" and card["need"] == "domestic_abuse" and card["country"] == "GB"
    assert responses(messages) == ["utter_lines_intro_domestic_abuse", "utter_offer_safety_plan"]


def test_after_the_danger_check_the_lines_offer_the_safety_plan_and_not_the_check_again():
    answered = {"country": "GB", "danger_weapon": "yes"}
    messages, _ = run(ActionDomesticAbuseLines(), tracker("affirm", slots=answered))
    assert card_of(messages)["need"] == "domestic_abuse"
    assert responses(messages) == ["utter_lines_intro_domestic_abuse", "utter_offer_safety_plan_only"]
    offer = render_response("utter_offer_safety_plan_only", {})
    assert "safety plan" in offer and "danger" not in offer
