"""The Telegram handlers: each turns an update into a Rasa turn or a local answer, then sends it.

Thin on purpose: the decisions live in formatting, fallback, limits and memory (plain modules).
Only private chats are served (a documented choice): in a group, other people would read the
conversation, so group messages are ignored without a reply, and channel posts are not even
requested from Telegram.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Awaitable, Callable, List, Optional

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
    User,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.channels.common import MAX_MESSAGE_CHARS, normalise_locale
from bot.channels.telegram.fallback import crisis_category, crisis_lines, help_lines, unavailable_reply
from bot.channels.telegram.formatting import Button, Outgoing, cards_country, escape, render_replies
from bot.channels.telegram.identity import sender_id
from bot.channels.telegram.limits import ChatRateLimiter
from bot.channels.telegram.memory import ChatMemory
from bot.channels.telegram.rasa_client import RasaClient, RasaUnavailable
from bot.channels.telegram.texts import commands, text
from bot.safety.detector import RiskDetector
from bot.stores.forget import forget_sender
from crisis.countries import country_from_locale, country_name
from crisis.directory import countries_with_lines

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
PRIVATE = filters.ChatType.PRIVATE
NEW_MESSAGE = PRIVATE & filters.UpdateType.MESSAGE
# Press data of the /country buttons; anything else is a Rasa payload.
COUNTRY_PREFIX = "tg:country:"
# Telegram shows "typing…" for about five seconds per call.
TYPING_EVERY_SECONDS = 4.0
SEND_ATTEMPTS = 3
SEND_BACKOFF_SECONDS = 0.5
NOT_KEPT = filters.LOCATION | filters.VENUE | filters.CONTACT


def keyboard_markup(rows) -> Optional[InlineKeyboardMarkup]:
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


class FrontEnd:
    def __init__(
        self,
        secret: bytes,
        rasa: RasaClient,
        database_url: str,
        detector: RiskDetector,
        limiter: Optional[ChatRateLimiter] = None,
        memory: Optional[ChatMemory] = None,
    ) -> None:
        self.secret = secret
        self.rasa = rasa
        self.database_url = database_url
        self.detector = detector
        self.limiter = limiter or ChatRateLimiter()
        self.memory = memory or ChatMemory()
        # One thread: spaCy's pipeline and matcher are not promised to be safe across threads.
        self._detector_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="detector")

    # ------------------------------------------------------------ wiring

    def install(self, application: Application) -> None:
        command_handlers = {
            "start": self.on_start,
            "help": self.on_help,
            "country": self.on_country,
            "privacy": self.on_privacy,
            "forget": self.on_forget,
            "erase": self.on_erase,
        }
        for name, callback in command_handlers.items():
            application.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGE))
        application.add_handler(MessageHandler(NEW_MESSAGE & filters.TEXT, self.on_text))
        application.add_handler(CallbackQueryHandler(self.on_press))
        application.add_handler(MessageHandler(NEW_MESSAGE & NOT_KEPT, self.on_not_kept))
        application.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, self.on_edited))
        application.add_handler(MessageHandler(NEW_MESSAGE & ~filters.StatusUpdate.ALL, self.on_not_text))
        application.add_error_handler(self.on_error)

    async def register_commands(self, application: Application) -> None:
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in commands().items()])

    # ------------------------------------------------------------ who and where

    def sender(self, update: Update) -> str:
        return sender_id(update.effective_chat.id, self.secret)

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
            sent: Message = await with_retries(
                lambda: bot.send_message(
                    chat_id,
                    message.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard_markup(message.keyboard),
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
            )
            self.memory.remember_message(sender, sent.message_id)

    async def say(self, update: Update, sender: str, key: str, **values: object) -> None:
        await self.send(update, sender, [Outgoing(escape(text(key, **values)))])

    async def _keep_typing(self, update: Update) -> None:
        while True:
            try:
                await update.get_bot().send_chat_action(update.effective_chat.id, ChatAction.TYPING)
            except TelegramError:
                pass  # only a courtesy: the answer matters, not the indicator
            await asyncio.sleep(TYPING_EVERY_SECONDS)

    # ------------------------------------------------------------ the Rasa turn

    async def converse(self, update: Update, sender: str, message: str) -> None:
        """One turn with Rasa, in order within the chat; without Rasa, the local fallback."""
        async with self.memory.lock(sender):
            typing = asyncio.create_task(self._keep_typing(update))
            try:
                replies = await self.rasa.send(sender, message, self.metadata(update.effective_user))
            except RasaUnavailable:
                replies = None
            finally:
                typing.cancel()
            if replies is None:
                category = await self._category(message)
                messages = unavailable_reply(category, self.country(sender, update.effective_user))
            else:
                said = cards_country(replies)
                if said:
                    self.memory.choose_country(sender, said)
                messages = render_replies(replies)
            await self.send(update, sender, messages)

    async def _category(self, message: Optional[str]) -> Optional[str]:
        # Off the event loop: a 10,000-character message takes the detector a while.
        return await asyncio.get_running_loop().run_in_executor(
            self._detector_thread, crisis_category, self.detector, message
        )

    async def _admitted(self, update: Update, sender: str, message: Optional[str]) -> bool:
        """Whether the per-chat limit lets this message through; a refused one still gets its
        crisis lines when the detector finds a crisis, and the person is told once a window."""
        if self.limiter.allow(sender):
            return True
        category = await self._category(message)
        if category and self.limiter.notice_due(sender, "crisis"):
            await self.send(update, sender, crisis_lines(category, self.country(sender, update.effective_user)))
        if self.limiter.notice_due(sender, "too_fast"):
            await self.say(update, sender, "too_fast")
        return False

    async def _crisis_check(self, update: Update, sender: str, message: Optional[str]) -> None:
        """For text the assistant will not read (too long, a caption, an edit): lines if it is a crisis."""
        category = await self._category(message)
        if category:
            await self.send(update, sender, crisis_lines(category, self.country(sender, update.effective_user)))

    # ------------------------------------------------------------ handlers

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        message = update.effective_message
        self.memory.remember_message(sender, message.message_id)
        if not await self._admitted(update, sender, message.text):
            return
        if not message.text.strip():
            await self.say(update, sender, "not_text")
            return
        if len(message.text) > MAX_MESSAGE_CHARS:
            await self.say(update, sender, "too_long", max_chars=f"{MAX_MESSAGE_CHARS:,}")
            await self._crisis_check(update, sender, message.text)
            return
        await self.converse(update, sender, message.text.strip())

    async def on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        # The spinner on the button stops only when the press is answered.
        await with_retries(query.answer)
        if not query.message or update.effective_chat is None or update.effective_chat.type != "private":
            return
        sender = self.sender(update)
        try:
            # Old buttons must not be pressed twice, or out of turn.
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError:
            pass  # an old or already-edited message; the press still counts
        data = query.data or ""
        if not await self._admitted(update, sender, None):
            return
        if data.startswith(COUNTRY_PREFIX):
            await self._choose_country(update, sender, data[len(COUNTRY_PREFIX) :] or None)
        elif data:
            await self.converse(update, sender, data)

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        await self.say(update, sender, "start")

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Crisis lines at once, from the reviewed file: no NLU and no Rasa in the way."""
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        await self.send(update, sender, help_lines("help", self.country(sender, update.effective_user)))

    async def on_country(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        rows = tuple(
            (Button(_button_name(code), callback=f"{COUNTRY_PREFIX}{code}"),) for code in countries_with_lines()
        ) + ((Button(text("country_elsewhere"), callback=COUNTRY_PREFIX),),)
        await self.send(update, sender, [Outgoing(escape(text("country_prompt")), rows)])

    async def _choose_country(self, update: Update, sender: str, country: Optional[str]) -> None:
        self.memory.choose_country(sender, country)
        if not country:
            await self.say(update, sender, "country_cleared")
            return
        # Rasa keeps it too, so its replies use it; its answer also brings local lines when a
        # crisis is under way. Without Rasa, the choice is still kept here for the offline lines.
        async with self.memory.lock(sender):
            try:
                replies = await self.rasa.send(
                    sender, f'/inform_country{{"country": "{country}"}}', self.metadata(update.effective_user)
                )
            except RasaUnavailable:
                replies = None
        if replies is None:
            await self.say(update, sender, "country_set", country=country_name(country))
        else:
            await self.send(update, sender, render_replies(replies))

    async def on_privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        await self.say(update, sender, "privacy")

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes the conversation from the tracker store (and the country kept here). Under the
        chat's lock: a Rasa turn in flight would write the old events back."""
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        async with self.memory.lock(sender):
            try:
                await asyncio.get_running_loop().run_in_executor(None, forget_sender, self.database_url, sender)
            except Exception:
                logger.exception("telegram.forget.failure")
                await self.say(update, sender, "forget_failed")
                return
            self.memory.forget(sender)
            self.limiter.forget(sender)
            logger.info("telegram.forget.done")
        await self.say(update, sender, "forget_done")

    async def on_erase(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes the messages of the last 48 hours that the front-end saw, the person's and its own
        (Telegram lets a bot delete both in a private chat), then says how to clear the rest."""
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        bot, chat_id = update.get_bot(), update.effective_chat.id
        deleted = 0
        for message_id in self.memory.take_erasable(sender):
            try:
                await with_retries(lambda: bot.delete_message(chat_id, message_id))
                deleted += 1
            except TelegramError:
                pass  # too old, or already deleted by the person: Telegram says no, nothing to do
        await self.say(update, sender, "erase_done", count=deleted)

    async def on_not_kept(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        self.memory.remember_message(sender, update.effective_message.message_id)
        if await self._admitted(update, sender, None):
            await self.say(update, sender, "not_kept")

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        message = update.effective_message
        self.memory.remember_message(sender, message.message_id)
        if await self._admitted(update, sender, message.caption):
            await self.say(update, sender, "not_text")
            await self._crisis_check(update, sender, message.caption)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.sender(update)
        message = update.effective_message
        if await self._admitted(update, sender, message.text or message.caption):
            await self.say(update, sender, "edited")
            await self._crisis_check(update, sender, message.text or message.caption)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # The type (and for bugs the traceback) only: never the update, which holds the message and
        # the chat id. Network errors are retried by python-telegram-bot's polling; one line each.
        if isinstance(context.error, NetworkError) and not isinstance(context.error, BadRequest):
            logger.warning("telegram.network.failure %s", type(context.error).__name__)
            return
        logger.error("telegram.update.failure %s", type(context.error).__name__, exc_info=context.error)


def _button_name(code: str) -> str:
    name = country_name(code)
    return name[4:] if name.startswith("the ") else name
