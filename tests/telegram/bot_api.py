"""A stand-in for the Telegram Bot API on 127.0.0.1, for the real python-telegram-bot client.

It speaks the methods the front-end uses, queues updates that tests push (as Telegram would deliver
them to getUpdates), and records every call the bot makes. It runs an aiohttp server on its own
event loop in a background thread, so tests stay synchronous.
"""

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

from tests.telegram.threaded_server import ThreadedServer

TOKEN = "123456789:stand-in-token-for-tests"
BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Support",
    "username": "support_stand_in_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None

    @property
    def chat_id(self) -> Optional[int]:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


def _decode(value: str) -> Any:
    """python-telegram-bot posts form fields; objects and lists are JSON inside them."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class StandInBotAPI(ThreadedServer):
    name = "stand-in Bot API"

    def __init__(self) -> None:
        super().__init__()
        self.calls: List[Call] = []
        self._updates: List[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._failures: Dict[str, List[dict]] = {}
        self.polls = 0
        self._lock = threading.Lock()
        self._new_update: Optional[asyncio.Condition] = None

    # ------------------------------------------------------------ life

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/bot{token}/{method}", self._handle)

    def on_loop(self) -> None:
        self._new_update = asyncio.Condition()

    # ------------------------------------------------------------ what tests do

    def push(self, update: dict) -> dict:
        """Queues an update (its update_id is set here) for the bot's next getUpdates."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
        asyncio.run_coroutine_threadsafe(self._notify(), self._loop).result(5)
        return update

    def new_message_id(self) -> int:
        with self._lock:
            return next(self._message_ids)

    def fail_next(self, method: str, error_code: int, description: str, **parameters: Any) -> None:
        """The next call of method answers with this Bot API error (e.g. 429 with retry_after)."""
        with self._lock:
            self._failures.setdefault(method, []).append(
                {"ok": False, "error_code": error_code, "description": description, "parameters": parameters or None}
            )

    def calls_of(self, method: str, chat_id: Optional[int] = None, since: float = 0.0) -> List[Call]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == method and c.at >= since and (chat_id is None or c.chat_id == chat_id)
            ]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.02)
        raise AssertionError(f"not seen within {timeout} s: {condition}")

    # ------------------------------------------------------------ the server side

    async def _notify(self) -> None:
        async with self._new_update:
            self._new_update.notify_all()

    async def _params(self, request: web.Request) -> Dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        return {key: _decode(value) if isinstance(value, str) else value for key, value in form.items()}

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        if method == "getUpdates":
            self.polls += 1
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        with self._lock:
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
        if failure:
            return web.json_response(failure, status=failure["error_code"])
        answer = METHODS.get(method)
        if answer is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        call = Call(method, params)
        call.result = answer(self, params)
        with self._lock:
            self.calls.append(call)
        return web.json_response({"ok": True, "result": call.result})

    async def _get_updates(self, params: Dict[str, Any]) -> List[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)

        def pending() -> List[dict]:
            with self._lock:
                # As Telegram does: an offset confirms every update before it.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                return list(self._updates)

        async with self._new_update:
            try:
                await asyncio.wait_for(self._new_update.wait_for(pending), timeout)
            except asyncio.TimeoutError:
                pass
        return pending()

    def _sent_message(self, params: Dict[str, Any]) -> dict:
        message = {
            "message_id": self.new_message_id(),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private", "first_name": "Test"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message


METHODS: Dict[str, Callable[[StandInBotAPI, Dict[str, Any]], Any]] = {
    "getMe": lambda api, params: BOT_USER,
    "sendMessage": StandInBotAPI._sent_message,
    "sendChatAction": lambda api, params: True,
    "answerCallbackQuery": lambda api, params: True,
    "editMessageReplyMarkup": lambda api, params: True,
    "deleteMessage": lambda api, params: True,
    "setMyCommands": lambda api, params: True,
    "setWebhook": lambda api, params: True,
    "deleteWebhook": lambda api, params: True,
    "getWebhookInfo": lambda api, params: {"url": "", "has_custom_certificate": False, "pending_update_count": 0},
}


# ---------------------------------------------------------------- updates as Telegram sends them


def user(chat_id: int, language_code: Optional[str] = "en-GB") -> dict:
    person = {"id": chat_id, "is_bot": False, "first_name": "Test"}
    if language_code:
        person["language_code"] = language_code
    return person


def message_update(
    api: StandInBotAPI, chat_id: int, text: Optional[str] = None, language_code: Optional[str] = "en-GB", **fields: Any
) -> dict:
    """A new message in a private chat (or the chat given in fields); commands get their entity."""
    message = {
        "message_id": api.new_message_id(),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
        "from": user(chat_id, language_code),
        **fields,
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": message}


def press_update(chat_id: int, message: Call, data: str, language_code: Optional[str] = "en-GB") -> dict:
    """A press on an inline button of a message the bot sent (a recorded sendMessage)."""
    return {
        "callback_query": {
            "id": f"press-{time.monotonic_ns()}",
            "from": user(chat_id, language_code),
            "chat_instance": f"instance-{chat_id}",
            "data": data,
            "message": {
                "message_id": message.result["message_id"],
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "from": BOT_USER,
                "text": message.params.get("text", ""),
            },
        }
    }
