"""The support flows through the running servers: what Rasa does alone (the danger check, safe to talk,
grounding) and the safety plan's summary from the person's own words."""

import uuid

import pytest

pytestmark = pytest.mark.e2e


def sender() -> str:
    return f"e2e-flows-{uuid.uuid4()}"


def all_text(replies: list) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def payloads(replies: list) -> set:
    return {b["payload"] for r in replies for b in r.get("buttons") or []}


def test_the_danger_check_works_without_the_action_server(assistant):
    assistant.stop_actions()
    try:
        person = sender()
        assert "yes-or-no" in all_text(assistant.say("can we go through the danger questions", sender=person))
        assert "weapon" in all_text(assistant.say("/affirm", sender=person))
        assistant.say("/affirm", sender=person)
        assistant.say("/deny", sender=person)
        result = all_text(assistant.say("/dont_know", sender=person))
        assert "hotlines take very seriously" in result and "999" in result and "911" in result
        assert "score" in result and "prediction" in result  # said as "this isn't a score or a prediction"
    finally:
        assistant.start_actions()


def test_the_danger_check_ends_with_the_domestic_abuse_lines_and_does_not_offer_itself_again(assistant):
    person = sender()
    assistant.say("can we go through the danger questions", sender=person)
    for answer in ("/affirm", "/affirm", "/deny"):
        assistant.say(answer, sender=person)
    replies = assistant.say("/dont_know", sender=person)
    assert "hotlines take very seriously" in all_text(replies)
    cards = [r["custom"] for r in replies if r.get("custom")]
    assert [card["need"] for card in cards] == ["domestic_abuse"]
    assert "/ask_safety_plan" in payloads(replies) and "/ask_danger_check" not in payloads(replies)


def test_not_safe_to_talk_gives_the_local_number_and_asks_nothing_more(assistant):
    person = sender()
    assistant.say("i live in australia", sender=person)
    assert "safe for you to talk" in all_text(assistant.say("i want to leave my husband", sender=person))
    replies = assistant.say("no he is in the next room", sender=person)
    words = all_text(replies)
    assert "000" in words and "quick exit" in words and "?" not in words and not payloads(replies)


def test_the_grounding_buttons_choose_the_exercise(assistant):
    person = sender()
    assert "/stop_flow" in payloads(assistant.say("i need to calm down, any exercise?", sender=person))
    breathing = assistant.say('/ask_grounding{"grounding_exercise": "breathing"}', sender=person)
    assert "comfortable" in all_text(breathing) and payloads(breathing) == {"/affirm", "/stop_flow"}
    assert "count slowly to 4" in all_text(assistant.say("/affirm", sender=person))
    assert "stop here" in all_text(assistant.say("/stop_flow", sender=person))


def test_the_checklist_button_gives_the_checklist_without_a_question(assistant):
    person = sender()
    assistant.say("can you help me make a safety plan", sender=person)
    replies = assistant.say("/ask_safety_checklist", sender=person)
    assert "checklist" in all_text(replies).lower() and "cloud account" in all_text(replies)
    # No plan question follows: those carry the "skip this one" button.
    assert "/skip_question" not in payloads(replies)


def test_the_safety_plan_comes_back_as_one_message_with_an_offer_to_delete(assistant):
    person = sender()
    offer = assistant.say("can you help me make a safety plan", sender=person)
    assert {"/affirm", "/ask_safety_checklist"} <= payloads(offer)
    assistant.say("/affirm", sender=person)
    for answer in ("my aunties place", "/skip_question", "/dont_know", "passport and my inhaler", "/deny"):
        assistant.say(answer, sender=person)
    replies = assistant.say("go out the back door and ring my aunt", sender=person)
    summary = next(r["text"] for r in replies if (r.get("text") or "").startswith("Here is your plan"))
    for part in ("my aunties place", "skipped", "not sure yet", "passport and my inhaler", "not yet", "back door"):
        assert part in summary, part
    assert "/forget_me" in payloads(replies) and "cloud account" in all_text(replies)
