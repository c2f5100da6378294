"""The three tiers through the running servers: check-ins, their answers, the fallback that is never a
dead end, and what the tracker keeps of each decision."""

import json
import re
import uuid

import pytest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.e2e


def sender() -> str:
    return f"e2e-{uuid.uuid4()}"


def customs(replies, kind):
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind]


def words(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def check_in(assistant, person, category="self_harm"):
    payload = f'/risk_check{{"risk_category": "{category}", "crisis_subject": "self", "crisis_context": "plain"}}'
    return assistant.say(payload, sender=person)


def test_a_check_in_asks_directly_with_the_contract_payload_buttons_and_the_emergency_number(assistant):
    replies = check_in(assistant, sender())
    assert customs(replies, "risk_check") == [{"type": "risk_check", "category": "self_harm"}]
    question = next(r for r in replies if r.get("buttons"))
    assert "hurting yourself" in question["text"]
    assert re.search(r"\b(911|999|112)\b", question["text"])
    assert [b["title"] for b in question["buttons"]] == ["Yes", "No", "Talk to someone now"]
    assert not customs(replies, "crisis")


def test_yes_to_a_check_in_escalates_with_the_full_lines(assistant):
    person = sender()
    check_in(assistant, person, "danger")
    replies = assistant.say("yes", sender=person)
    [card] = customs(replies, "crisis")
    assert card["category"] == "danger" and card["lines"]
    assert words(replies).rstrip().endswith("safe right now?")


def test_no_to_a_check_in_thanks_them_and_carries_on_without_alarm(assistant):
    person = sender()
    check_in(assistant, person)
    replies = assistant.say("no", sender=person)
    assert "Thank you for answering" in words(replies)
    assert not customs(replies, "crisis")
    assert any(b["payload"] == "/ask_crisis_lines" for r in replies for b in r.get("buttons") or [])


def test_a_crisis_turn_ends_with_are_you_safe_right_now(assistant):
    replies = assistant.say("i am going to kill myself tonight", sender=sender())
    assert replies[-1]["text"] == "Are you safe right now?"
    assert [b["payload"] for b in replies[-1]["buttons"]] == ["/affirm", "/deny"]


def test_a_crisis_still_going_on_after_the_crisis_reply_gets_it_again_but_thanks_does_not(assistant):
    person = sender()
    assert customs(assistant.say("i am going to kill myself tonight", sender=person), "crisis")
    again = assistant.say("i have all the pills right here in my hand", sender=person)
    assert [c["category"] for c in customs(again, "crisis")] == ["suicide"]
    thanks = assistant.say("thank you", sender=person)
    assert not customs(thanks, "crisis") and not customs(thanks, "risk_check")


def test_ok_i_will_call_them_after_the_crisis_reply_is_met_with_what_to_do_if_nobody_answers(assistant):
    person = sender()
    assistant.say("he said he will kill me when he gets home tonight", sender=person)
    replies = assistant.say("ok i'll call them now", sender=person)
    assert not customs(replies, "crisis") and not customs(replies, "risk_check")
    assert "emergency number" in words(replies) and "another" in words(replies)


def test_not_understood_is_never_a_dead_end(assistant):
    # The fallback's own intent: which typed gibberish the classifier gives up on changes with training.
    replies = assistant.say("/nlu_fallback", sender=sender())
    assert "say it another way" in words(replies) or "understood" in words(replies)
    assert "emergency number" in words(replies)
    assert any(b["title"] == "Talk to someone now" for r in replies for b in r.get("buttons") or [])


def test_each_decision_is_kept_with_the_message_for_reading_the_next_one_in_context(assistant):
    person = sender()
    assistant.say("what is a trauma bond", sender=person)
    with create_engine(assistant.database_url).connect() as db:
        rows = db.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'"), {"s": person}
        ).all()
    risk = json.loads(rows[-1][0])["parse_data"]["risk"]
    assert risk["tier"] == "none" and set(risk) == {"tier", "category", "subject", "reason", "probability", "matched"}
