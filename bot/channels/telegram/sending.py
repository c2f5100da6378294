"""Sending to Telegram: one Outgoing message (formatting.py) as a Bot API call, retried on network
errors, and the "typing…" indicator while Rasa works."""

import asyncio
from typing import Awaitable, Callable, Optional, Sequence, Tuple

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError

from bot.channels.telegram.formatting import Button, Outgoing

# Telegram shows "typing…" for about five seconds per call.
TYPING_EVERY_SECONDS = 4.0
SEND_ATTEMPTS = 3
SEND_BACKOFF_SECONDS = 0.5


def keyboard_markup(rows: Sequence[Tuple[Button, ...]]) -> Optional[InlineKeyboardMarkup]:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.title, url=b.url)
                if b.url
                else InlineKeyboardButton(b.title, callback_data=b.callback)
                for b in row
            ]
            for row in rows
        ]
    )


async def with_retries(call: Callable[[], Awaitable], attempts: int = SEND_ATTEMPTS) -> object:
    """Network errors are retried with a doubling pause. (Flood waits, RetryAfter, are the rate
    limiter's.) A retried send that had in fact arrived shows twice: better than a lost message."""
    for attempt in range(attempts):
        try:
            return await call()
        except BadRequest:
            raise  # python-telegram-bot counts it as a NetworkError, but resending cannot fix it
        except NetworkError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(SEND_BACKOFF_SECONDS * 2**attempt)


async def send_message(bot: Bot, chat_id: int, message: Outgoing) -> Message:
    return await with_retries(
        lambda: bot.send_message(
            chat_id,
            message.html,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard_markup(message.keyboard),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    )


async def keep_typing(bot: Bot, chat_id: int) -> None:
    """Shows "typing…" until cancelled."""
    while True:
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError:
            pass  # only a courtesy: the answer matters, not the indicator
        await asyncio.sleep(TYPING_EVERY_SECONDS)
