"""When Rasa is slow, erroring or empty, when one chat floods, and webhook mode: the real front-end
process and client, with a stand-in Rasa, since a real one cannot be made to fail on demand. (The
check-in is answered by the real Rasa: test_telegram_e2e.py.)"""

import time

import pytest
import requests

from bot.channels.telegram.identity import sender_id
from bot.channels.telegram.limits import MAX_MESSAGES
from tests.conftest import free_port
from tests.telegram.bot_api import message_update
from tests.telegram.conftest import SECRET, Chat, start_front_end, texts
from tests.telegram.rasa_stand_in import RasaStandIn

pytestmark = pytest.mark.e2e

TIMEOUT_SECONDS = 2
TROUBLE = "having trouble answering right now"
DANGER = "my husband choked me until i passed out"


def reply(text: str) -> callable:
    return lambda sender: [{"recipient_id": sender, "text": text}]


SCRIPT = {
    "slow": (TIMEOUT_SECONDS * 5, 200, reply("too late")),
    "error": (0, 500, lambda sender: {"error": "internal"}),
    "empty": (0, 200, lambda sender: []),
    DANGER: (0, 500, lambda sender: {"error": "internal"}),
}


@pytest.fixture(scope="module")
def rasa():
    stand_in = RasaStandIn(SCRIPT, default=reply("ok")).start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(scope="module")
def front_end(bot_api, rasa, tmp_path_factory):
    database_url = f"sqlite:///{tmp_path_factory.mktemp('telegram') / 'store.db'}"
    running = start_front_end(bot_api, rasa.url, database_url, "stand-in", RASA_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS))
    yield running
    running.stop()


def received_from(rasa: RasaStandIn, chat: Chat) -> list:
    return [r["message"] for r in rasa.received if r["sender"] == sender_id(chat.id, SECRET.encode())]


def test_rasa_gets_a_keyed_sender_id_and_the_channel_metadata(front_end, bot_api, rasa):
    chat = Chat(bot_api, language_code="en-GB")
    chat.say("hello")
    sent = [r for r in rasa.received if r["sender"] == sender_id(chat.id, SECRET.encode())]
    assert sent and sent[0]["metadata"] == {"channel": "telegram", "locale": "en-GB"}
    assert str(chat.id) not in sent[0]["sender"]


@pytest.mark.parametrize("message", ["slow", "error", "empty"])
def test_slow_erroring_or_empty_rasa_still_gets_an_answer_within_seconds(front_end, bot_api, message):
    chat = Chat(bot_api)
    since = chat.send(message)
    replies = chat.replies(since)
    assert replies[0].at - since < TIMEOUT_SECONDS + 3
    assert TROUBLE in replies[0].params["text"]
    assert "116 123" in texts(replies), "crisis guidance for the person's country (en-GB)"
    assert "too late" not in texts(replies)


def test_a_crisis_while_rasa_errors_gets_its_category_lines_from_the_local_detector(front_end, bot_api):
    replies = Chat(bot_api).say(DANGER)
    assert "what you wrote matters" in replies[0].params["text"]
    assert "Refuge" in texts(replies), "the danger category's lines for the UK"


def test_one_chat_cannot_flood_the_assistant_and_a_crisis_in_the_flood_is_still_answered(front_end, bot_api, rasa):
    flooding, other = Chat(bot_api), Chat(bot_api)
    since = time.monotonic()
    for i in range(MAX_MESSAGES + 3):
        flooding.send(f"message {i}")
    flooding.send(DANGER)
    replies = flooding.replies(since, quiet=1.5)
    assert len(received_from(rasa, flooding)) == MAX_MESSAGES
    assert texts(replies).count("writing faster than I can answer") == 1, "told once, gently"
    assert "Refuge" in texts(replies), "the refused crisis message still got its lines"
    assert texts(other.say("hi")) == "ok", "other chats are served as usual"


def test_webhook_mode_refuses_updates_without_the_right_secret(front_end, bot_api, rasa):
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-updates"
    webhook = start_front_end(
        bot_api,
        rasa.url,
        "sqlite://",
        "webhook",
        TELEGRAM_WEBHOOK_URL=url,
        TELEGRAM_WEBHOOK_SECRET="right-secret",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    try:
        registered = bot_api.calls_of("setWebhook")[-1].params
        assert registered["url"] == url and registered["secret_token"] == "right-secret"
        chat = Chat(bot_api)
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret"}):
            update = {"update_id": 1, **message_update(bot_api, chat.id, "hello")}
            assert requests.post(url, json=update, headers=headers, timeout=5).status_code == 403
        time.sleep(1)
        assert not bot_api.calls_of("sendMessage", chat.id), "a refused update is not served"
        since = time.monotonic()
        update = {"update_id": 2, **message_update(bot_api, chat.id, "hello")}
        served = requests.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret"}, timeout=5)
        assert served.status_code == 200
        assert texts(chat.replies(since)) == "ok"
    finally:
        webhook.stop()
