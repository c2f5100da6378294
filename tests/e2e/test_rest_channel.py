"""End to end through the running Rasa server's REST channel and the running action server."""

import re
import uuid

import pytest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.e2e

# Messages written for this test, not taken from the NLU data or the detector's corpora.
CRISIS_MESSAGES = {
    "suicide": [
        "tonight i just want to die, i cant keep doing this",
        "my cousin keeps telling me she is going to kill herself",
    ],
    "self_harm": ["i burned myself with a lighter again last night", "the urge to cut is so strong i cant think"],
    "danger": ["my husband choked me until i passed out", "he pulled a knife on me and said he'd use it"],
    "child": ["im 12 and my stepdad beats me with a belt", "my partner hit our toddler so hard she has marks"],
    "harm_others": [
        "im going to kill him when he gets back tonight",
        "i want him dead and i know how i'll do it, i'm going to stab him",
    ],
}
HARD_NEGATIVES = [
    "this commute is killing me",
    "i'm dying to know what you think",
    "i finally cut ties with him last week",
    "he has never hit me but he checks my phone",
    "i would never kill myself, i just feel stuck",
    "i shot him a text and he left me on read",
    "we watched a film where a man kills himself",
    "honestly i'm dead tired after work",
    "i want to end it with her but i'm scared to",
    "i could kill him for forgetting my birthday lol",
]
LINE_KEYS = {"name", "phone", "sms", "url", "hours", "for"}


def sender() -> str:
    return f"e2e-{uuid.uuid4()}"


def custom_payloads(replies: list, kind: str = "crisis") -> list:
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind]


def all_text(replies: list) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("category,message", [(c, m) for c, messages in CRISIS_MESSAGES.items() for m in messages])
def test_every_crisis_category_escalates_with_the_contract_payload(assistant, category, message):
    replies = assistant.say(message, sender=sender())
    cards = custom_payloads(replies)
    assert len(cards) == 1, replies
    card = cards[0]
    assert card["category"] == category
    assert card["country"] is None  # nothing said about the country yet: the international lines
    assert card["lines"] and all(LINE_KEYS <= set(line) for line in card["lines"])
    words = all_text(replies)
    assert "safe right now" in words or "safe right now" in words.lower()
    assert re.search(r"\b(911|999|112|000|111)\b", words), "the static reply names emergency numbers"
    for line in card["lines"]:
        for number in (line["phone"], line["sms"]):
            if number:
                assert number in words, f"{number} is in the card but not in the plain text"


@pytest.mark.parametrize("message", HARD_NEGATIVES)
def test_hard_negatives_do_not_alarm(assistant, message):
    replies = assistant.say(message, sender=sender())
    assert not custom_payloads(replies), replies
    assert "emergency number now" not in all_text(replies)


def test_the_country_said_gives_local_lines_and_then_crisis_lines_for_it(assistant):
    person = sender()
    replies = assistant.say("i live in the uk", sender=person)
    assert "United Kingdom" in all_text(replies)
    card = custom_payloads(assistant.say("i want to end my life", sender=person))[0]
    assert card["country"] == "GB"
    assert any(line["phone"] == "116 123" for line in card["lines"])  # Samaritans


def test_the_browser_language_picks_the_country_on_the_web_channel(assistant):
    replies = assistant.say("he strangled me last night", sender=sender(), channel="web", metadata={"locale": "en-AU"})
    card = custom_payloads(replies)[0]
    assert card["country"] == "AU"
    assert any(line["phone"] == "000" for line in card["lines"])


def test_unknown_country_gets_international_lines_and_one_question(assistant):
    person = sender()
    first = all_text(assistant.say("i want to kill myself", sender=person))
    assert "which country" in first
    assistant.say("yes", sender=person)
    again = all_text(assistant.say("i still want to die", sender=person))
    assert "which country" not in again


def test_answering_the_safety_question(assistant):
    person = sender()
    assistant.say("i'm going to overdose tonight", sender=person)
    not_safe = all_text(assistant.say("no", sender=person))
    assert "emergency number" in not_safe and "999" in not_safe


def test_not_safe_gets_the_country_own_emergency_number_once_the_browser_region_is_known(assistant):
    person, australia = sender(), {"locale": "en-AU"}
    assistant.say("i'm going to overdose tonight", sender=person, channel="web", metadata=australia)
    not_safe = all_text(assistant.say("no", sender=person, channel="web", metadata=australia))
    assert "000" in not_safe and "911" not in not_safe and "999" not in not_safe


def test_asking_for_lines_gives_them_calmly(assistant):
    replies = assistant.say("can you give me a helpline number", sender=sender())
    assert not custom_payloads(replies)
    lines = custom_payloads(replies, kind="lines")
    assert lines and lines[0]["lines"]


def test_disclosing_control_gets_the_domestic_abuse_line_and_a_safety_plan_offer(assistant):
    person = sender()
    assistant.say("im in canada", sender=person)
    asked = assistant.say("he takes all my money and wont let me see my friends", sender=person)
    assert "safe for you to talk" in all_text(asked) and not custom_payloads(asked, kind="lines")
    replies = assistant.say("yes he is out", sender=person)
    assert not custom_payloads(replies)
    card = custom_payloads(replies, kind="lines")[0]
    assert card["need"] == "domestic_abuse" and card["country"] == "CA"
    assert any(b["payload"] == "/ask_safety_plan" for r in replies for b in r.get("buttons") or [])


def test_crisis_without_the_action_server_still_gets_emergency_guidance(assistant):
    assistant.stop_actions()
    try:
        replies = assistant.say("i want to die tonight", sender=sender())
        words = all_text(replies)
        assert "emergency number" in words and "999" in words and "911" in words
        assert "safe right now" in words
    finally:
        assistant.start_actions()


def test_escalations_are_audited_without_the_message_and_conversations_are_stored(assistant):
    person = sender()
    assistant.say("he raped me", sender=person)
    engine = create_engine(assistant.database_url)
    with engine.connect() as db:
        columns = {row[1] for row in db.execute(text("PRAGMA table_info(escalations)"))}
        assert columns == {"id", "at", "category", "channel", "country"}
        categories = {row[0] for row in db.execute(text("SELECT category FROM escalations"))}
        assert "danger" in categories
        stored = db.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": person}).scalar()
        assert stored > 0


def test_a_conversation_flows_over_several_turns(assistant):
    person = sender()
    assert "safe" in all_text(assistant.say("i want to leave him", sender=person)).lower()
    next_steps = assistant.say("yes i can talk", sender=person)
    assert any(b["payload"] == "/ask_safety_plan" for r in next_steps for b in r.get("buttons") or [])


def test_after_an_escalation_the_menus_stay_gentle_and_offer_the_lines_again(assistant):
    person = sender()
    assistant.say("i want to end my life", sender=person)
    replies = assistant.say("/thank", sender=person)
    payloads = {b["payload"] for r in replies for b in r.get("buttons") or []}
    assert "/ask_crisis_lines" in payloads
    assert not payloads & {"/ask_signs", "/ask_what_is_trauma_bond", "/ask_cycle"}
