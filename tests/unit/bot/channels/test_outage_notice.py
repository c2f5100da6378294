"""What the REST and web channels add to a turn whose conversation could not be stored."""

from bot.channels.webhook import NOT_FORGOTTEN_RESPONSE, NOT_STORED_RESPONSE, domain_text, with_outage_notice
from bot.stores.outage import TurnTrouble
from crisis.card import lines_as_text
from crisis.directory import crisis_lines_from_file

ANSWER = [{"recipient_id": "p", "text": "A trauma bond is a strong emotional attachment."}]
CRISIS_TURN = [
    {"recipient_id": "p", "text": "I'm really glad you told me."},
    {"recipient_id": "p", "custom": {"type": "crisis", "category": "suicide", "country": None, "lines": []}},
    {"recipient_id": "p", "text": "Are you safe right now?"},
]


def test_a_stored_turn_is_answered_as_it_is():
    assert with_outage_notice(ANSWER, None, "p", "en-GB") == ANSWER


def test_a_turn_not_stored_says_so_first_with_the_crisis_lines_for_the_browsers_country():
    replies = with_outage_notice(ANSWER, TurnTrouble.NOT_STORED, "p", "en-GB")
    lines = crisis_lines_from_file("GB")
    assert replies == [
        {"recipient_id": "p", "text": domain_text(NOT_STORED_RESPONSE)},
        {"recipient_id": "p", "custom": {"type": "lines", "need": "crisis", "country": "GB", "lines": lines}},
        {"recipient_id": "p", "text": lines_as_text(lines)},
        *ANSWER,
    ]
    assert any(line["phone"] == "999" for line in lines)
    # Without a locale, the lines that work in many countries.
    unknown = with_outage_notice(ANSWER, TurnTrouble.NOT_STORED, "p", None)[1]["custom"]
    assert unknown["country"] is None and unknown["lines"] == crisis_lines_from_file(None)


def test_a_crisis_turn_keeps_its_own_card_and_gets_only_the_note():
    replies = with_outage_notice(CRISIS_TURN, TurnTrouble.NOT_STORED, "p", None)
    assert replies == [{"recipient_id": "p", "text": domain_text(NOT_STORED_RESPONSE)}, *CRISIS_TURN]


def test_a_failed_forget_never_confirms_and_says_to_ask_again():
    done = [{"recipient_id": "p", "text": domain_text("utter_forget_me_done")}]
    replies = with_outage_notice(done, TurnTrouble.NOT_FORGOTTEN, "p", None)
    assert replies[0] == {"recipient_id": "p", "text": domain_text(NOT_FORGOTTEN_RESPONSE)}
    assert replies[1]["custom"]["need"] == "crisis" and done[0] not in replies


def test_the_notes_name_emergency_numbers():
    for response in (NOT_STORED_RESPONSE, NOT_FORGOTTEN_RESPONSE):
        assert "emergency number" in domain_text(response) and "911" in domain_text(response)
    assert "can't save" in domain_text(NOT_STORED_RESPONSE) and "again" in domain_text(NOT_FORGOTTEN_RESPONSE)
