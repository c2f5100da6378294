"""Rasa's REST channel (POST /webhooks/rest/webhook, the README's contract) with the web channel's rules.

The same length limit, sender-id rule and per-sender limit as the web channel (bot/channels/common.py,
bot/channels/webhook.py), and never the message text in a log (Rasa's own REST channel logs it when a
message fails). No streaming: answers come whole, as the contract says. Configured in credentials.yml:

    bot.channels.rest.CheckedRestInput:
      rate_limit: {messages: 20, per_seconds: 60}
"""

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.rate_limit import SenderRateLimiter
from bot.channels.webhook import answer_chat, rate_limiter_from
from bot.stores.guard import attach_store_guard


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"  # the same URL and channel name as Rasa's REST channel

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "CheckedRestInput":
        return cls(limiter=rate_limiter_from(credentials or {}))

    def __init__(self, limiter: Optional[SenderRateLimiter] = None) -> None:
        self.limiter = limiter or SenderRateLimiter()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        attach_store_guard(rest)

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await answer_chat(request, self.name(), self.limiter, on_new_message)

        return rest
