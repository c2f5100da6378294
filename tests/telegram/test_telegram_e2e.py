"""End to end: a person's Telegram chats, through the real python-telegram-bot client (its own
process) against the stand-in Bot API, and the real Rasa server and action server."""

import json
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from bot.channels.telegram.identity import sender_id
from crisis.directory import lines_from_file
from tests.conftest import LOGS, stop
from tests.telegram.conftest import SECRET, Chat, buttons, start_front_end, texts

pytestmark = pytest.mark.e2e

GB_SAMARITANS = "116 123"
CRISIS = "tonight i just want to die, i cant keep doing this"
TROUBLE = "having trouble answering right now"
# Each kind of message the bot cannot read, as Telegram sends it (file ids are made up).
PHOTO = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]
NOT_TEXT = {
    "sticker": {
        "sticker": {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "photo": {"photo": PHOTO},
    "voice": {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}},
    "audio": {"audio": {"file_id": "audio-1", "file_unique_id": "a1", "duration": 30}},
    "video": {"video": {"file_id": "video-1", "file_unique_id": "vi1", "width": 90, "height": 90, "duration": 3}},
    "video_note": {"video_note": {"file_id": "note-1", "file_unique_id": "n1", "length": 90, "duration": 3}},
    "document": {"document": {"file_id": "doc-1", "file_unique_id": "d1", "file_name": "notes.pdf"}},
    "animation": {
        "animation": {"file_id": "gif-1", "file_unique_id": "g1", "width": 90, "height": 90, "duration": 2},
        "document": {"file_id": "gif-1", "file_unique_id": "g1"},
    },
    "empty text": {"text": ""},
    "only spaces": {"text": "   "},
}
NOT_KEPT = {
    "location": {"location": {"latitude": 51.5, "longitude": -0.12}},
    "contact": {"contact": {"phone_number": "+440000000000", "first_name": "Someone"}},
}


@pytest.fixture(scope="module")
def front_end(assistant, bot_api):
    running = start_front_end(bot_api, assistant.url, assistant.database_url, "polling", RASA_TIMEOUT_SECONDS="4")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def database(assistant):
    engine = create_engine(assistant.database_url)
    yield engine
    engine.dispose()


def events_of(database, chat: Chat) -> list:
    with database.connect() as connection:
        rows = connection.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
            {"s": sender_id(chat.id, SECRET.encode())},
        )
        return [(row.type_name, json.loads(row.data)) for row in rows]


def user_texts(database, chat: Chat) -> list:
    return [data.get("text") for kind, data in events_of(database, chat) if kind == "user"]


def is_card(call) -> bool:
    return call.params["text"].startswith("<b>You can talk to someone now</b>")


def card_index(replies) -> int:
    return next(i for i, c in enumerate(replies) if is_card(c))


def replies_with_lines(chat: Chat, since: float) -> list:
    """The replies once the crisis lines have come: the front-end's own detector sends them after its
    notice, and on a long message or a busy machine that takes longer than the quiet that ends an answer."""
    chat.api.wait_for(lambda: any(is_card(c) for c in chat.api.calls_of("sendMessage", chat.id, since)))
    return chat.replies(since)


def audited(database) -> Counter:
    """The escalation audit's rows by (category, channel)."""
    with database.connect() as connection:
        return Counter(tuple(row) for row in connection.execute(text("SELECT category, channel FROM escalations")))


def check_in(category: str) -> str:
    """The check-in as its own payload: which typed words the learned model checks in on changes with
    every training, and the risk layer's check-in is this intent with these entities."""
    return f'/risk_check{{"risk_category": "{category}", "crisis_subject": "self", "crisis_context": "plain"}}'


def test_the_commands_are_registered(front_end, bot_api):
    commands = bot_api.calls_of("setMyCommands")[-1].params["commands"]
    assert [c["command"] for c in commands] == ["help", "start", "country", "privacy", "forget", "erase"]


def test_a_greeting_is_answered_with_buttons_under_a_pseudonymous_sender(front_end, bot_api, database):
    chat = Chat(bot_api)
    since = chat.send("hi")
    replies = chat.replies(since)
    assert replies and all(c.params["parse_mode"] == "HTML" for c in replies)
    assert any(buttons(c) for c in replies), "the greeting's menu comes as an inline keyboard"
    assert bot_api.calls_of("sendChatAction", chat.id, since)[0].params["action"] == "typing"
    assert user_texts(database, chat) == ["hi"]
    with database.connect() as connection:
        raw = connection.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": str(chat.id)})
        assert raw.scalar() == 0, "the raw chat id is never the sender id"


def test_a_button_press_is_answered_and_continues_the_conversation(front_end, bot_api, database):
    chat = Chat(bot_api)
    menu = next(c for c in chat.say("hi") if any("callback_data" in b for b in buttons(c)))
    choice = next(b for b in buttons(menu) if b["callback_data"].startswith("/"))
    since = chat.press(menu, choice["callback_data"])
    replies = chat.replies(since)
    assert bot_api.calls_of("answerCallbackQuery", since=since), "the button's spinner is stopped"
    edits = bot_api.calls_of("editMessageReplyMarkup", chat.id, since)
    assert edits and int(edits[0].params["message_id"]) == menu.result["message_id"]
    assert TROUBLE not in texts(replies)
    assert user_texts(database, chat) == ["hi", choice["callback_data"]]


def test_a_crisis_gets_the_card_with_numbers_first_after_the_static_reply(front_end, bot_api):
    chat = Chat(bot_api, language_code="en-GB")
    replies = chat.say(CRISIS)
    words = texts(replies)
    assert "safe right now" in words
    card = replies[card_index(replies)]
    first_line = card.params["text"].split("\n\n")[1]
    assert first_line.startswith("<b>Call "), "each line starts with the number to call or text"
    assert GB_SAMARITANS in card.params["text"], "the language's region (en-GB) chose the UK lines"
    assert any(b.get("url") for b in buttons(card)), "web links are URL buttons"
    safe_question = next(i for i, c in enumerate(replies) if "safe right now" in c.params["text"])
    # Rasa's order is kept: the static reply, the card, then "are you safe right now?" last.
    assert card_index(replies) < safe_question == len(replies) - 1, "Rasa's order is kept"
    assert buttons(replies[safe_question]), "the are-you-safe question keeps its buttons"
    assert not any(c.params["text"].startswith("• ") for c in replies), "the card's plain-text copy is not repeated"


def test_yes_to_a_check_in_brings_that_categorys_card_and_is_audited_as_telegram(front_end, bot_api, database):
    chat = Chat(bot_api, language_code="en-GB")
    before = audited(database)
    question = chat.say(check_in("danger"))
    assert len(question) == 1, "the check-in's custom marks the question and adds no message"
    assert "is someone hurting you" in question[0].params["text"]
    options = {b["text"]: b["callback_data"] for b in buttons(question[0])}
    assert list(options) == ["Yes", "No", "Talk to someone now"]
    replies = chat.replies(chat.press(question[0], options["Yes"]))
    card = replies[card_index(replies)]
    danger_links = [line["name"] for line in lines_from_file("GB", "danger") if line.get("url")]
    assert [b["text"] for b in buttons(card)] == danger_links, "the danger lines for the UK"
    assert "safe right now" in replies[-1].params["text"]
    assert user_texts(database, chat)[-1] == options["Yes"], "the press went to Rasa as the next turn"
    assert audited(database) - before == Counter({("danger", "telegram"): 1}), "one escalation, on Telegram"


def test_no_to_a_check_in_thanks_them_and_keeps_the_lines_one_tap_away(front_end, bot_api, database):
    chat = Chat(bot_api)
    question = chat.say(check_in("self_harm"))
    assert "hurting yourself" in question[0].params["text"]
    no = next(b for b in buttons(question[0]) if b["text"] == "No")
    before = audited(database)
    replies = chat.replies(chat.press(question[0], no["callback_data"]))
    assert "Thank you for answering" in texts(replies)
    assert not any(is_card(c) for c in replies) and "safe right now" not in texts(replies)
    assert [b["callback_data"] for c in replies for b in buttons(c)] == ["/ask_crisis_lines"]
    assert audited(database) == before, "no escalation"


def test_the_country_command_sets_the_country_for_rasa_and_for_help(front_end, bot_api):
    chat = Chat(bot_api, language_code="en")  # a bare language names no country
    help_before = texts(chat.say("/help"))
    assert GB_SAMARITANS not in help_before and "/country" in help_before
    menu = chat.say("/country")[-1]
    uk = next(b for b in buttons(menu) if b["text"] == "United Kingdom")
    replies = chat.replies(chat.press(menu, uk["callback_data"]))
    assert "United Kingdom" in texts(replies), "Rasa's own utter_country_set"
    assert GB_SAMARITANS in texts(chat.say("/help"))
    assert GB_SAMARITANS in texts(chat.say(CRISIS)), "Rasa's slot holds the country too"


def test_forget_deletes_the_conversation_from_the_tracker_store(front_end, bot_api, database):
    chat = Chat(bot_api)
    chat.say("hi")
    chat.say("what is a trauma bond")
    assert len(user_texts(database, chat)) == 2
    replies = chat.say("/forget")
    assert "deleted" in texts(replies)
    assert events_of(database, chat) == [], "no row of the conversation is left"
    chat.say("hello again")
    assert user_texts(database, chat) == ["hello again"], "the old conversation does not come back"


@pytest.mark.parametrize("kind", NOT_TEXT)
def test_messages_it_cannot_read_get_a_polite_reply(front_end, bot_api, database, kind):
    chat = Chat(bot_api)
    replies = chat.say(**NOT_TEXT[kind])
    assert texts(replies) == "I can only read text messages, sorry. If you write it in words, I'll do my best to help."
    assert events_of(database, chat) == [], "nothing went to the assistant or its store"


@pytest.mark.parametrize("kind", NOT_KEPT)
def test_locations_and_contacts_are_not_kept(front_end, bot_api, database, kind):
    chat = Chat(bot_api)
    assert "haven't kept it" in texts(chat.say(**NOT_KEPT[kind]))
    assert events_of(database, chat) == []


def test_a_crisis_in_a_photo_caption_still_gets_lines(front_end, bot_api):
    chat = Chat(bot_api)
    replies = replies_with_lines(chat, chat.send(photo=PHOTO, caption=CRISIS))
    assert "only read text" in replies[0].params["text"]
    assert GB_SAMARITANS in replies[card_index(replies)].params["text"]


def test_an_edited_message_is_not_silently_ignored(front_end, bot_api):
    chat = Chat(bot_api)
    chat.say("hi")
    original = bot_api.new_message_id()
    since = time.monotonic()
    bot_api.push(
        {
            "edited_message": {
                "message_id": original,
                "date": int(time.time()),
                "edit_date": int(time.time()),
                "chat": {"id": chat.id, "type": "private", "first_name": "Test"},
                "from": {"id": chat.id, "is_bot": False, "first_name": "Test"},
                "text": CRISIS,
            }
        }
    )
    replies = replies_with_lines(chat, since)
    assert "didn't see your change" in replies[0].params["text"]
    assert card_index(replies) > 0, "a crisis in the edit still gets lines"


def test_a_10000_character_message_is_refused_kindly_and_its_crisis_still_answered(front_end, bot_api, database):
    chat = Chat(bot_api)
    long_message = ("I keep going over what happened and I do not know what to think any more. " * 140)[:9950]
    replies = replies_with_lines(chat, chat.send(long_message + " " + CRISIS))
    assert "2,000 characters" in replies[0].params["text"]
    assert card_index(replies) > 0
    assert events_of(database, chat) == [], "a message that was not read is not stored"


def test_group_messages_are_ignored(front_end, bot_api):
    group = Chat(bot_api)
    since = group.send("hi", chat={"id": -group.id, "type": "group", "title": "Family"})
    group.send("/help", chat={"id": -group.id, "type": "group", "title": "Family"})
    time.sleep(2)
    assert not bot_api.calls_of("sendMessage", -group.id, since), "nothing is said where others read"
    assert not [c for c in bot_api.calls if c.chat_id == -group.id]


def test_two_interleaved_chats_each_get_only_their_own_replies(front_end, bot_api):
    calm, crisis = Chat(bot_api), Chat(bot_api)
    since = time.monotonic()
    for chat, message in ((calm, "hi"), (crisis, CRISIS), (calm, "what is a trauma bond"), (crisis, "thank you")):
        chat.send(message)
    calm_replies, crisis_replies = calm.replies(since, quiet=1.5), crisis.replies(since, quiet=1.5)
    assert "You can talk to someone now" not in texts(calm_replies)
    assert "trauma bond" in texts(calm_replies).lower()
    assert card_index(crisis_replies) >= 0
    safe_question = next(i for i, c in enumerate(crisis_replies) if "safe right now" in c.params["text"])
    assert card_index(crisis_replies) < safe_question
    assert {c.chat_id for c in calm_replies} == {calm.id} and {c.chat_id for c in crisis_replies} == {crisis.id}


def test_start_and_privacy_say_what_the_bot_is_and_what_is_kept(front_end, bot_api):
    chat = Chat(bot_api)
    start = texts(chat.say("/start"))
    for words in ("not a person", "not a therapist", "not an emergency service", "Auto-Delete", "/help"):
        assert words in start
    privacy = texts(chat.say("/privacy"))
    for words in ("/forget", "48 hours", "never written to its logs"):
        assert words in privacy


def test_erase_deletes_the_messages_the_bot_saw(front_end, bot_api):
    chat = Chat(bot_api)
    since = chat.send("hi")
    sent = chat.replies(since)
    replies = chat.say("/erase")
    deleted = {int(c.params["message_id"]) for c in bot_api.calls_of("deleteMessage", chat.id, since)}
    assert {c.result["message_id"] for c in sent} <= deleted, "every message the bot sent"
    assert len(deleted) == len(sent) + 2, "and the person's two: 'hi' and '/erase'"
    assert f"deleted {len(deleted)} messages" in texts(replies) and "Auto-Delete" in texts(replies)


def test_a_flood_wait_from_telegram_is_waited_out(front_end, bot_api):
    chat = Chat(bot_api)
    bot_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    assert "not a therapist" in texts(chat.say("/start"))


def test_with_rasa_stopped_help_and_messages_still_get_crisis_lines(front_end, bot_api, assistant):
    chat = Chat(bot_api)
    assert TROUBLE not in texts(chat.say("hi"))
    stop(assistant.rasa)
    try:
        started = time.monotonic()
        replies = chat.say("i don't know what to do")
        assert replies[0].at - started < 5, "an answer within seconds"
        assert TROUBLE in replies[0].params["text"]
        assert GB_SAMARITANS in texts(replies)
        crisis = chat.say("my husband choked me until i passed out")
        assert "what you wrote matters" in crisis[0].params["text"]
        assert "Refuge" in texts(crisis), "the danger category's lines, from the detector run locally"
        help_replies = chat.say("/help")
        assert GB_SAMARITANS in texts(help_replies)
    finally:
        assistant.start_rasa()


def test_the_front_end_log_holds_no_chat_id_and_no_message(front_end, bot_api):
    log = (LOGS / "telegram-polling.log").read_text(errors="replace")
    chat_ids = {str(c.chat_id) for c in bot_api.calls if c.chat_id}
    assert chat_ids and not [chat_id for chat_id in chat_ids if chat_id in log]
    for words in (CRISIS, "what is a trauma bond", "choked"):
        assert words not in log
