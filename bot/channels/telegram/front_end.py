"""What every handler shares: who a chat is and where, sending to it, one turn with Rasa (or the
local fallback without it), and the local detector for text Rasa will not read.

The handlers are by kind of update: commands.py, messages.py, presses.py; the decisions live in the
plain modules (formatting, fallback, limits, memory). Only private chats are served (a documented
choice): in a group, other people would read the conversation, so group messages are ignored
without a reply, and channel posts are not even requested from Telegram.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional

from telegram import Update, User
from telegram.ext import filters

from bot.channels.common import normalise_locale
from bot.channels.telegram.fallback import crisis_category, crisis_lines, unavailable_reply
from bot.channels.telegram.formatting import Outgoing, cards_country, escape, render_replies
from bot.channels.telegram.identity import sender_id
from bot.channels.telegram.limits import ChatRateLimiter
from bot.channels.telegram.memory import ChatMemory
from bot.channels.telegram.rasa_client import RasaClient, RasaUnavailable
from bot.channels.telegram.sending import keep_typing, send_message
from bot.channels.telegram.texts import text
from bot.safety.detector import RiskDetector
from crisis.countries import country_from_locale

CHANNEL = "telegram"
PRIVATE = filters.ChatType.PRIVATE
NEW_MESSAGE = PRIVATE & filters.UpdateType.MESSAGE


class FrontEnd:
    def __init__(
        self,
        secret: bytes,
        rasa: RasaClient,
        detector: RiskDetector,
        limiter: Optional[ChatRateLimiter] = None,
        memory: Optional[ChatMemory] = None,
    ) -> None:
        self.secret = secret
        self.rasa = rasa
        self.detector = detector
        self.limiter = limiter or ChatRateLimiter()
        self.memory = memory or ChatMemory()
        # One thread: spaCy's pipeline and matcher are not promised to be safe across threads.
        self._detector_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="detector")

    # ------------------------------------------------------------ who and where

    def sender(self, update: Update) -> str:
        return sender_id(update.effective_chat.id, self.secret)

    def received(self, update: Update) -> str:
        """The sender of a new message, whose id is kept so that /erase can delete it."""
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        return sender

    def country(self, sender: str, user: Optional[User]) -> Optional[str]:
        """The country the person chose, else the one their Telegram language names ("en-GB")."""
        chose, country = self.memory.chosen_country(sender)
        return country if chose else country_from_locale(user.language_code if user else None)

    @staticmethod
    def metadata(user: Optional[User]) -> dict:
        return {"channel": CHANNEL, "locale": normalise_locale(user.language_code if user else None)}

    # ------------------------------------------------------------ sending

    async def send(self, update: Update, sender: str, messages: List[Outgoing]) -> None:
        bot, chat_id = update.get_bot(), update.effective_chat.id
        for message in messages:
            sent = await send_message(bot, chat_id, message)
            self.memory.remember_message(sender, sent.message_id)

    async def say(self, update: Update, sender: str, key: str, **values: object) -> None:
        await self.send(update, sender, [Outgoing(escape(text(key, **values)))])

    # ------------------------------------------------------------ the Rasa turn

    async def converse(self, update: Update, sender: str, message: str) -> None:
        """One turn with Rasa, in order within the chat; without Rasa, the local fallback."""
        async with self.memory.lock(sender):
            typing = asyncio.create_task(keep_typing(update.get_bot(), update.effective_chat.id))
            try:
                replies = await self.rasa.send(sender, message, self.metadata(update.effective_user))
            except RasaUnavailable:
                replies = None
            finally:
                typing.cancel()
            if replies is None:
                category = await self.category(message)
                messages = unavailable_reply(category, self.country(sender, update.effective_user))
            else:
                said = cards_country(replies)
                if said:
                    self.memory.choose_country(sender, said)
                messages = render_replies(replies)
            await self.send(update, sender, messages)

    # ------------------------------------------------------------ the local detector

    async def category(self, message: Optional[str]) -> Optional[str]:
        # Off the event loop: a 10,000-character message takes the detector a while.
        return await asyncio.get_running_loop().run_in_executor(
            self._detector_thread, crisis_category, self.detector, message
        )

    async def admitted(self, update: Update, sender: str, message: Optional[str]) -> bool:
        """Whether the per-chat limit lets this message through; a refused one still gets its
        crisis lines when the detector finds a crisis, and the person is told once a window."""
        if self.limiter.allow(sender):
            return True
        category = await self.category(message)
        if category and self.limiter.notice_due(sender, "crisis"):
            await self.send(update, sender, crisis_lines(category, self.country(sender, update.effective_user)))
        if self.limiter.notice_due(sender, "too_fast"):
            await self.say(update, sender, "too_fast")
        return False

    async def crisis_check(self, update: Update, sender: str, message: Optional[str]) -> None:
        """For text the assistant will not read (too long, a caption, an edit): lines if it is a crisis."""
        category = await self.category(message)
        if category:
            await self.send(update, sender, crisis_lines(category, self.country(sender, update.effective_user)))
