"""The Telegram front-end as a person's phone meets it: the real python-telegram-bot client in its
own process (`python -m bot.channels.telegram`), pointed at the stand-in Bot API (bot_api.py)
through TELEGRAM_API_BASE_URL, and at a Rasa server through RASA_URL."""

import itertools
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import List, Optional

import pytest

from tests.conftest import FRONT_END_SECRET, LOGS, ROOT, stop
from tests.telegram.bot_api import TOKEN, Call, StandInBotAPI, message_update, press_update

SECRET = "telegram-tests-sender-id-secret"
# After the first reply, an answer is complete when nothing more arrives for this long.
QUIET_SECONDS = 0.6
_chat_ids = itertools.count(random.randint(10**8, 9 * 10**8))


@pytest.fixture(scope="module")
def bot_api():
    api = StandInBotAPI().start()
    yield api
    api.stop()


@dataclass
class FrontEndProcess:
    process: subprocess.Popen

    def stop(self) -> None:
        stop(self.process)


def start_front_end(api: StandInBotAPI, rasa_url: str, database_url: str, name: str, **env: str) -> FrontEndProcess:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / f"telegram-{name}.log", "ab")
    environment = {
        **os.environ,
        # This checkout's code, then whatever the caller's path held.
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "RASA_URL": rasa_url,
        "SENDER_ID_SECRET": SECRET,
        "TELEGRAM_FRONT_END_SECRET": FRONT_END_SECRET,
        "DATABASE_URL": database_url,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        **env,
    }
    environment.pop("ASSISTANT_ENV", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.channels.telegram"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started = time.monotonic()
    ready = (lambda: api.calls_of("setWebhook", since=0)) if "TELEGRAM_WEBHOOK_URL" in env else (lambda: api.polls)
    deadline = started + 60
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"the front-end exited with {process.returncode}; see {LOGS}/telegram-{name}.log")
        if time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"the front-end did not start in 60 s; see {LOGS}/telegram-{name}.log")
        time.sleep(0.1)
    return FrontEndProcess(process)


class Chat:
    """One person's private chat with the bot."""

    def __init__(self, api: StandInBotAPI, language_code: Optional[str] = "en-GB") -> None:
        self.api = api
        self.id = next(_chat_ids)
        self.language_code = language_code

    def send(self, text: Optional[str] = None, **fields) -> float:
        at = time.monotonic()
        self.api.push(message_update(self.api, self.id, text, self.language_code, **fields))
        return at

    def press(self, message: Call, data: str) -> float:
        at = time.monotonic()
        self.api.push(press_update(self.id, message, data, self.language_code))
        return at

    def replies(self, since: float, timeout: float = 20.0, quiet: float = QUIET_SECONDS) -> List[Call]:
        """The messages the bot sent to this chat since then, once they stopped coming."""
        self.api.wait_for(lambda: self.api.calls_of("sendMessage", self.id, since), timeout)
        count = -1
        while True:
            sent = self.api.calls_of("sendMessage", self.id, since)
            if len(sent) == count:
                return sent
            count = len(sent)
            time.sleep(quiet)

    def say(self, text: Optional[str] = None, **fields) -> List[Call]:
        return self.replies(self.send(text, **fields))


def texts(replies: List[Call]) -> str:
    return "\n".join(c.params.get("text", "") for c in replies)


def buttons(call: Call) -> list:
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]
