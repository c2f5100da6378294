"""The Telegram front-end's plain functions: formatting, splitting, keyboards, sender ids, settings,
the per-chat limit, what it remembers, and its offline answers. No Telegram, no Rasa."""

import asyncio

import pytest
import yaml
from telegram.error import BadRequest, NetworkError

from bot.channels.common import SENDER_ID
from bot.channels.telegram.config import DEVELOPMENT_SECRET, ConfigError, load_settings
from bot.channels.telegram.fallback import unavailable_reply
from bot.channels.telegram.formatting import (
    TELEGRAM_MAX_CHARS,
    Button,
    card_messages,
    cards_country,
    format_text,
    rasa_buttons,
    render_replies,
    split_message,
    telegram_length,
)
from bot.channels.telegram.identity import sender_id
from bot.channels.telegram.limits import ChatRateLimiter
from bot.channels.telegram.memory import ERASABLE_SECONDS, ChatMemory
from bot.channels.telegram.sending import with_retries
from bot.channels.telegram.texts import TEXTS_FILE, commands, text
from crisis.card import crisis_card, lines_as_text

LINE = {
    "name": "Samaritans",
    "phone": "116 123",
    "sms": None,
    "sms_body": None,
    "url": "https://www.samaritans.org",
    "hours": "24/7",
    "for": "Anyone who is struggling",
}
TEXT_LINE = {**LINE, "name": "Shout", "phone": None, "sms": "85258", "sms_body": "SHOUT", "url": None}
ENV = {"TELEGRAM_TOKEN": "123:abc", "SENDER_ID_SECRET": "k" * 32}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ---------------------------------------------------------------- escaping and links


def test_text_is_escaped_for_telegram_html():
    assert format_text("he said <b>never</b> & left") == "he said &lt;b&gt;never&lt;/b&gt; &amp; left"


def test_markdown_links_become_links_and_bare_urls_stay_for_telegram_to_link():
    html = format_text("See [the guide](https://example.org/a?b=1&c=2) or https://example.org/x.")
    assert html == 'See <a href="https://example.org/a?b=1&amp;c=2">the guide</a> or https://example.org/x.'


def test_only_web_links_become_links():
    assert format_text("[click](javascript:alert(1))") == "[click](javascript:alert(1))"


# ---------------------------------------------------------------- splitting


def test_a_short_message_is_one_part():
    assert split_message("Hello. How are you?") == ["Hello. How are you?"]


def test_long_messages_are_cut_after_a_sentence_under_the_limit():
    sentences = [f"Sentence number {i} is here." for i in range(400)]
    parts = split_message(" ".join(sentences))
    assert len(parts) > 1
    assert all(telegram_length(part) <= TELEGRAM_MAX_CHARS for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert " ".join(parts) == " ".join(sentences), "nothing is lost"


def test_the_limit_counts_utf16_units_like_telegram():
    parts = split_message("🙂 " * 3000)
    assert all(telegram_length(part) <= TELEGRAM_MAX_CHARS for part in parts)
    assert len(parts[0]) < TELEGRAM_MAX_CHARS, "an emoji is two units"


def test_without_sentences_it_cuts_between_words_and_without_spaces_at_the_limit():
    words = split_message("word " * 30, limit=52)
    assert words[0] == ("word " * 10).strip() and all(len(p) <= 52 for p in words)
    assert split_message("x" * 120, limit=50) == ["x" * 50, "x" * 50, "x" * 20]


def test_a_question_mark_and_closing_quote_end_a_sentence():
    assert split_message('Are you safe?" she asked. Then more', limit=30) == ['Are you safe?" she asked.', "Then more"]


# ---------------------------------------------------------------- keyboards and rendering


def test_rasa_buttons_become_one_button_a_row_with_their_payloads():
    rows = rasa_buttons([{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}])
    assert rows == ((Button("Yes", callback="/affirm"),), (Button("No", callback="/deny"),))


def test_a_payload_too_long_for_telegram_sends_the_title_instead():
    long_payload = '/inform_country{"country": "' + "x" * 80 + '"}'
    assert rasa_buttons([{"title": "Somewhere", "payload": long_payload}]) == (
        (Button("Somewhere", callback="Somewhere"),),
    )


def test_url_buttons_and_broken_buttons():
    rows = rasa_buttons([{"title": "Site", "url": "https://example.org"}, {"title": ""}, "junk", {"payload": "/x"}])
    assert rows == ((Button("Site", url="https://example.org"),),)


def test_the_crisis_card_puts_the_numbers_first_and_links_as_url_buttons():
    [card] = card_messages(crisis_card("suicide", "GB", [LINE, TEXT_LINE]))
    blocks = card.html.split("\n\n")
    assert blocks[0] == "<b>You can talk to someone now</b>"
    assert blocks[1].split("\n")[0] == "<b>Call 116 123</b>"
    assert blocks[1].split("\n")[1] == "Samaritans · 24/7 · no texts"
    assert blocks[2].split("\n")[0] == "<b>Text SHOUT to 85258</b>"
    assert "takes texts" in blocks[2]
    assert card.keyboard == ((Button("Samaritans", url="https://www.samaritans.org"),),)


def test_a_card_without_lines_still_says_what_to_do():
    [card] = card_messages(crisis_card("danger", None, []))
    assert "emergency number" in card.html


def test_card_values_are_escaped():
    [card] = card_messages(crisis_card("danger", None, [{**LINE, "name": "A <b>&</b> B"}]))
    assert "A &lt;b&gt;&amp;&lt;/b&gt; B" in card.html


def test_replies_keep_rasa_order_and_the_card_text_copy_is_not_repeated():
    card = crisis_card("suicide", "GB", [LINE])
    replies = [
        {"recipient_id": "x", "text": "Are you safe right now?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
        {"recipient_id": "x", "text": "These people can help:"},
        {"recipient_id": "x", "custom": card},
        {"recipient_id": "x", "text": lines_as_text([LINE])},
        {"recipient_id": "x", "text": "Which country are you in?"},
    ]
    out = render_replies(replies)
    assert [o.html.split("\n")[0] for o in out] == [
        "Are you safe right now?",
        "These people can help:",
        "<b>You can talk to someone now</b>",
        "Which country are you in?",
    ]
    assert out[0].keyboard == ((Button("Yes", callback="/affirm"),),)
    assert cards_country(replies) == "GB"


def test_a_check_in_renders_as_its_question_and_buttons():
    replies = [
        {"text": "Are you thinking about ending your life?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
        {"custom": {"type": "risk_check", "category": "suicide"}},
    ]
    [question] = render_replies(replies)
    assert question.html == "Are you thinking about ending your life?"
    assert question.keyboard == ((Button("Yes", callback="/affirm"),),)


def test_a_long_reply_is_split_with_its_buttons_under_the_last_part():
    out = render_replies([{"text": "A sentence. " * 600, "buttons": [{"title": "More", "payload": "/more"}]}])
    assert len(out) == 2 and not out[0].keyboard and out[1].keyboard


def test_junk_in_an_answer_is_skipped():
    assert render_replies(["junk", {"text": "  "}, {"custom": "x"}, {"text": "Hi"}])[0].html == "Hi"


# ---------------------------------------------------------------- offline answers


def test_without_rasa_a_crisis_category_gets_its_lines_and_otherwise_the_general_ones():
    danger = unavailable_reply("danger", "GB")
    assert danger[0].html == text("trouble_crisis") and "Refuge" in danger[1].html
    general = unavailable_reply(None, None)
    assert general[0].html == text("trouble")
    assert "/country" in general[-1].html, "no country known: how to set one"


# ---------------------------------------------------------------- sender ids and settings


def test_sender_ids_are_keyed_hashes_that_fit_the_sender_pattern():
    one, again, other_key = sender_id(123456789, b"key"), sender_id(123456789, b"key"), sender_id(123456789, b"other")
    assert one == again != other_key
    assert SENDER_ID.match(one) and "123456789" not in one
    assert sender_id(-1001234, b"key") != sender_id(1001234, b"key")


def test_settings_need_a_token_and_a_secret_outside_development():
    with pytest.raises(ConfigError, match="TELEGRAM_TOKEN"):
        load_settings({"SENDER_ID_SECRET": "x"})
    with pytest.raises(ConfigError, match="SENDER_ID_SECRET"):
        load_settings({"TELEGRAM_TOKEN": "123:abc"})
    development = load_settings({"TELEGRAM_TOKEN": "123:abc", "ASSISTANT_ENV": "development"})
    assert development.sender_secret == DEVELOPMENT_SECRET.encode()


def test_settings_defaults():
    settings = load_settings(ENV)
    assert settings.api_base_url == "https://api.telegram.org/bot"
    assert settings.rasa_url == "http://localhost:5005"
    assert settings.webhook is None


def test_webhook_mode_needs_a_valid_secret():
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        load_settings({**ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram"})
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        load_settings({**ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/t", "TELEGRAM_WEBHOOK_SECRET": "a b"})
    webhook = load_settings(
        {**ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook", "TELEGRAM_WEBHOOK_SECRET": "s-1"}
    ).webhook
    assert (webhook.path, webhook.port, webhook.listen) == ("telegram/hook", 8443, "127.0.0.1")


def test_the_front_end_secret_is_optional_but_never_weak():
    assert load_settings(ENV).front_end_secret is None
    assert load_settings({**ENV, "TELEGRAM_FRONT_END_SECRET": "s" * 64}).front_end_secret == "s" * 64
    with pytest.raises(ConfigError, match="TELEGRAM_FRONT_END_SECRET"):
        load_settings({**ENV, "TELEGRAM_FRONT_END_SECRET": "short"})


def test_a_bad_number_names_its_variable():
    with pytest.raises(ConfigError, match="RASA_TIMEOUT_SECONDS"):
        load_settings({**ENV, "RASA_TIMEOUT_SECONDS": "soon"})


# ---------------------------------------------------------------- the per-chat limit


def test_the_limit_refuses_past_the_window_count_and_recovers_as_the_window_moves():
    clock = FakeClock()
    limiter = ChatRateLimiter(max_messages=3, window_seconds=10, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b"), "other chats are not affected"
    clock.now += 10
    assert limiter.allow("a")


def test_each_notice_is_given_once_a_window():
    clock = FakeClock()
    limiter = ChatRateLimiter(max_messages=1, window_seconds=10, clock=clock)
    assert limiter.notice_due("a", "too_fast") and not limiter.notice_due("a", "too_fast")
    assert limiter.notice_due("a", "crisis")
    clock.now += 10
    assert limiter.notice_due("a", "too_fast")


def test_forgetting_a_sender_clears_its_count():
    limiter = ChatRateLimiter(max_messages=1, window_seconds=10, clock=FakeClock())
    limiter.allow("a")
    limiter.forget("a")
    assert limiter.allow("a")


# ---------------------------------------------------------------- memory


def test_erasable_messages_are_the_last_48_hours_newest_first_and_taken_once():
    clock = FakeClock()
    memory = ChatMemory(clock=clock)
    memory.remember_message("a", 1)
    clock.now += ERASABLE_SECONDS - 1
    memory.remember_message("a", 2)
    memory.remember_message("b", 9)
    clock.now += 2
    assert memory.take_erasable("a") == [2]
    assert memory.take_erasable("a") == []


def test_forget_drops_the_chosen_country():
    memory = ChatMemory()
    memory.choose_country("a", "GB")
    assert memory.chosen_country("a") == (True, "GB")
    memory.forget("a")
    assert memory.chosen_country("a") == (False, None)


# ---------------------------------------------------------------- retries


def test_network_errors_are_retried_and_other_errors_are_not(monkeypatch):
    monkeypatch.setattr("bot.channels.telegram.sending.SEND_BACKOFF_SECONDS", 0)
    attempts = []

    async def flaky():
        attempts.append(1)
        if len(attempts) < 3:
            raise NetworkError("connection reset")
        return "sent"

    assert asyncio.run(with_retries(flaky)) == "sent" and len(attempts) == 3

    async def refused():
        attempts.append(1)
        raise BadRequest("message is too long")

    attempts.clear()
    with pytest.raises(BadRequest):
        asyncio.run(with_retries(refused))
    assert len(attempts) == 1


# ---------------------------------------------------------------- the words


def test_every_command_has_a_description_and_the_texts_are_plain():
    assert list(commands()) == ["help", "start", "country", "privacy", "forget", "erase"]
    values = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    strings = [v for v in values.values() if isinstance(v, str)] + list(commands().values())
    assert not [s for s in strings if "<" in s or "&" in s], "plain words only: the front-end escapes them"
    for words in ("not a person", "not a therapist", "not an emergency service"):
        assert words in text("start")
