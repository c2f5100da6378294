"""The custom actions with rasa-sdk's CollectingDispatcher and hand-built trackers (no servers)."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionCrisisReferral, ActionSetCountry, ActionSupportLines
from actions.audit import escalation_counts


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'actions.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def tracker(intent, text="...", slots=None, entities=None, metadata=None, channel="rest"):
    latest = {"intent": {"name": intent, "confidence": 1.0}, "entities": entities or [], "text": text,
              "metadata": metadata or {}}
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    return Tracker("someone", slots or {}, latest, events, False, None, {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def card_of(messages):
    return next(m["custom"] for m in messages if m.get("custom"))


def test_crisis_referral_sends_the_contract_card_and_the_same_numbers_as_text(database):
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_danger", slots={"country": "US"}))
    card = card_of(messages)
    assert card["type"] == "crisis" and card["category"] == "danger" and card["country"] == "US"
    text = "\n".join(m.get("text") or "" for m in messages)
    assert "911" in text and "1 800 799 7233" in text
    assert slots["crisis_active"] is True
    assert escalation_counts(database) == {"danger": 1}


def test_crisis_referral_asks_the_country_once_and_uses_the_browser_region_first():
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_suicide"))
    assert card_of(messages)["country"] is None and slots["country_asked"] is True
    assert any("which country" in (m.get("text") or "") for m in messages)
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_suicide", slots={"country_asked": True}))
    assert not any("which country" in (m.get("text") or "") for m in messages)
    messages, slots = run(ActionCrisisReferral(), tracker("crisis_suicide", metadata={"locale": "en-IE"}))
    assert card_of(messages)["country"] == "IE" and slots["country"] == "IE"


def test_a_worried_friend_gets_words_for_a_friend():
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_suicide", slots={"crisis_subject": "other"}))
    assert "worried about someone" in messages[0]["text"]


def test_a_child_gets_child_lines():
    messages, _ = run(ActionCrisisReferral(), tracker("crisis_child", slots={"country": "GB"}))
    assert any(line["phone"] == "0800 1111" for line in card_of(messages)["lines"])  # Childline


def test_disclosure_gets_the_domestic_abuse_line_without_alarm_and_a_safety_plan_offer():
    messages, _ = run(ActionSupportLines(), tracker("disclose_abuse", slots={"country": "AU"}))
    card = card_of(messages)
    assert card["type"] == "lines" and card["need"] == "domestic_abuse"
    assert any(line["phone"] == "1800 737 732" for line in card["lines"])  # 1800RESPECT
    assert any(b["payload"] == "/ask_safety_plan" for m in messages for b in m.get("buttons") or [])
    assert not any("emergency" in (m.get("text") or "").lower() for m in messages)


def test_setting_the_country_resends_local_crisis_lines_after_an_escalation():
    events_so_far = {"crisis_active": True}
    t = tracker("inform_country", text="im in new zealand",
                entities=[{"entity": "country", "value": "new zealand"}], slots=events_so_far)
    t.events.insert(0, {"event": "user", "parse_data": {"intent": {"name": "crisis_danger"}}})
    messages, slots = run(ActionSetCountry(), t)
    assert slots["country"] == "NZ"
    assert card_of(messages)["category"] == "danger" and card_of(messages)["country"] == "NZ"


def test_an_unknown_country_is_asked_again_kindly():
    messages, slots = run(ActionSetCountry(), tracker("inform_country", text="narnia"))
    assert slots == {} and "didn't recognise" in messages[0]["text"]
