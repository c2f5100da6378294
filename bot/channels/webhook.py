"""The chat webhook both HTTP channels share (REST and web): check the request, limit each sender,
hand the message to Rasa, answer with the bot's messages, and say so, with crisis lines, when the
conversation could not be stored (the database down: bot/stores/outage.py). Never logs what was written."""

import asyncio
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import MAX_BODY_BYTES, ChatRequestError, parse_chat_request
from bot.channels.rate_limit import SenderRateLimiter
from bot.stores.guard import store_in_use
from bot.stores.outage import TurnTrouble
from crisis.card import lines_as_text
from crisis.countries import country_from_locale
from crisis.directory import offline_card

logger = logging.getLogger(__name__)

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
RATE_LIMITED_RESPONSE = "utter_rate_limited"
NOT_STORED_RESPONSE = "utter_conversation_not_stored"
NOT_FORGOTTEN_RESPONSE = "utter_forget_me_failed"


@lru_cache(maxsize=None)
def domain_text(name: Text, domain_file: Path = DOMAIN_FILE) -> Text:
    """A response's first text, read from domain.yml: the channel answers a flood without asking Rasa
    (that is the point of the limit), and the words still live with all the others."""
    responses = yaml.safe_load(domain_file.read_text(encoding="utf-8"))["responses"]
    return responses[name][0]["text"]


def rate_limiter_from(credentials: Dict[Text, Any]) -> SenderRateLimiter:
    limit = credentials.get("rate_limit") or {}
    return SenderRateLimiter(**{k: limit[k] for k in ("messages", "per_seconds") if k in limit})


def no_store(resp: HTTPResponse) -> HTTPResponse:
    # Conversation content must not stay in the browser's or a proxy's cache.
    resp.headers["Cache-Control"] = "no-store"
    return resp


def with_outage_notice(
    messages: List[Dict[Text, Any]], trouble: Optional[TurnTrouble], recipient: Text, locale: Optional[Text]
) -> List[Dict[Text, Any]]:
    """The turn's messages, and, when its conversation could not be stored, first a note that says so
    and the crisis lines from the reviewed file (the card and its text, as the actions send them),
    unless the turn already carries a crisis card. A "forget me" that could not delete says that
    instead of its confirmation."""
    if trouble is None:
        return messages
    if trouble is TurnTrouble.NOT_FORGOTTEN:
        messages = []
    note = domain_text(NOT_FORGOTTEN_RESPONSE if trouble is TurnTrouble.NOT_FORGOTTEN else NOT_STORED_RESPONSE)
    notice = [{"recipient_id": recipient, "text": note}]
    if not any((m.get("custom") or {}).get("type") == "crisis" for m in messages):
        card = offline_card(country_from_locale(locale))
        notice += [
            {"recipient_id": recipient, "custom": card},
            {"recipient_id": recipient, "text": lines_as_text(card["lines"])},
        ]
    return notice + messages


async def answer_chat(
    request: Request,
    channel: Text,
    limiter: SenderRateLimiter,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> HTTPResponse:
    try:
        if len(request.body or b"") > MAX_BODY_BYTES:
            raise ChatRequestError(413, "message_too_long", "The request body is too large.")
        try:
            body = request.json
        except InvalidUsage:
            raise ChatRequestError(400, "bad_json", "The body is not valid JSON.")
        chat = parse_chat_request(body, channel)
    except ChatRequestError as error:
        return no_store(response.json(error.as_json(), status=error.status))

    if not limiter.allow(chat.sender):
        logger.warning(f"{channel}.message.rate_limited")
        # A normal reply (every client shows it), with the wait in a header for those that read it.
        messages: List[Dict[Text, Any]] = [{"recipient_id": chat.sender, "text": domain_text(RATE_LIMITED_RESPONSE)}]
        return no_store(response.json(messages, headers={"Retry-After": str(limiter.retry_after(chat.sender))}))

    collector = CollectingOutputChannel()
    try:
        await on_new_message(
            UserMessage(chat.message, collector, chat.sender, input_channel=channel, metadata=chat.metadata())
        )
    except asyncio.CancelledError:
        logger.error(f"{channel}.message.timeout")
    except Exception:
        # No message text in the log: it may name people or places.
        logger.exception(f"{channel}.message.failure")
    trouble = store_in_use(request.app.ctx.agent.tracker_store).outage.take(chat.sender)
    return no_store(response.json(with_outage_notice(collector.messages, trouble, chat.sender, chat.locale)))
