"""Rasa's REST channel (POST /webhooks/rest/webhook, the README's contract) with the web channel's rules.

The same length limit, sender-id rule and per-sender limit as the web channel (bot/channels/common.py,
bot/channels/webhook.py), and never the message text in a log (Rasa's own REST channel logs it when a
message fails). No streaming: answers come whole, as the contract says. Configured in credentials.yml:

    bot.channels.rest.CheckedRestInput:
      rate_limit: {messages: 20, per_seconds: 60}

A front-end of its own that talks through this channel (Telegram's) is counted as its own channel when
it sends the secret it shares with this server (bot/channels/front_ends.py); every other request is
"rest", whatever its body says.
"""

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.front_ends import HEADER, front_end_of, front_end_secrets
from bot.channels.rate_limit import SenderRateLimiter
from bot.channels.webhook import answer_chat, rate_limiter_from
from bot.stores.guard import attach_store_guard

logger = logging.getLogger(__name__)


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"  # the same URL and channel name as Rasa's REST channel

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "CheckedRestInput":
        # The secrets come from the environment, never from credentials.yml, which is committed.
        return cls(limiter=rate_limiter_from(credentials or {}), front_ends=front_end_secrets(os.environ))

    def __init__(
        self, limiter: Optional[SenderRateLimiter] = None, front_ends: Optional[Mapping[Text, Text]] = None
    ) -> None:
        self.limiter = limiter or SenderRateLimiter()
        self.front_ends = dict(front_ends or {})

    def channel_of(self, request: Request) -> Text:
        presented = request.headers.get(HEADER)
        front_end = front_end_of(presented, self.front_ends)
        if presented and front_end is None:
            # Served all the same, as the REST channel's: the person's reply matters more than the
            # audit's channel. Most likely the front-end and the server were given different secrets.
            logger.warning("rest.front_end.unrecognised")
        return front_end or self.name()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        attach_store_guard(rest)

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await answer_chat(request, self.channel_of(request), self.limiter, on_new_message)

        return rest
