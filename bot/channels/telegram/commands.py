"""The commands: /start, /help, /country (and its buttons' choice), /privacy, /forget, /erase.

Each is answered by the front-end itself, so /help's crisis lines and /forget work without Rasa.
"""

import asyncio
import logging
from typing import List, Optional

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, BaseHandler, CommandHandler, ContextTypes

from bot.channels.telegram.fallback import help_lines
from bot.channels.telegram.formatting import Button, Outgoing, escape, render_replies
from bot.channels.telegram.front_end import NEW_MESSAGE, FrontEnd
from bot.channels.telegram.rasa_client import RasaUnavailable
from bot.channels.telegram.sending import with_retries
from bot.channels.telegram.texts import commands, text
from bot.stores.forget import forget_sender
from crisis.countries import country_name
from crisis.directory import countries_with_lines

logger = logging.getLogger(__name__)

# Press data of the /country buttons; anything else is a Rasa payload.
COUNTRY_PREFIX = "tg:country:"


class Commands:
    def __init__(self, front_end: FrontEnd, database_url: str) -> None:
        self.front_end = front_end
        self.database_url = database_url

    def handlers(self) -> List[BaseHandler]:
        callbacks = {
            "start": self.on_start,
            "help": self.on_help,
            "country": self.on_country,
            "privacy": self.on_privacy,
            "forget": self.on_forget,
            "erase": self.on_erase,
        }
        return [CommandHandler(name, callback, filters=NEW_MESSAGE) for name, callback in callbacks.items()]

    @staticmethod
    async def register(application: Application) -> None:
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in commands().items()])

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.front_end.received(update)
        await self.front_end.say(update, sender, "start")

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Crisis lines at once, from the reviewed file: no NLU and no Rasa in the way."""
        sender = self.front_end.received(update)
        country = self.front_end.country(sender, update.effective_user)
        await self.front_end.send(update, sender, help_lines("help", country))

    async def on_country(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.front_end.received(update)
        rows = tuple(
            (Button(_button_name(code), callback=f"{COUNTRY_PREFIX}{code}"),) for code in countries_with_lines()
        ) + ((Button(text("country_elsewhere"), callback=COUNTRY_PREFIX),),)
        await self.front_end.send(update, sender, [Outgoing(escape(text("country_prompt")), rows)])

    async def choose_country(self, update: Update, sender: str, country: Optional[str]) -> None:
        """A press on one of /country's buttons (presses.py); no country is "somewhere else"."""
        front_end = self.front_end
        front_end.memory.choose_country(sender, country)
        if not country:
            await front_end.say(update, sender, "country_cleared")
            return
        # Rasa keeps it too, so its replies use it; its answer also brings local lines when a
        # crisis is under way. Without Rasa, the choice is still kept here for the offline lines.
        async with front_end.memory.lock(sender):
            try:
                replies = await front_end.rasa.send(
                    sender, f'/inform_country{{"country": "{country}"}}', front_end.metadata(update.effective_user)
                )
            except RasaUnavailable:
                replies = None
        if replies is None:
            await front_end.say(update, sender, "country_set", country=country_name(country))
        else:
            await front_end.send(update, sender, render_replies(replies))

    async def on_privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.front_end.received(update)
        await self.front_end.say(update, sender, "privacy")

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes the conversation from the tracker store (and the country kept here). Under the
        chat's lock: a Rasa turn in flight would write the old events back."""
        front_end = self.front_end
        sender = front_end.received(update)
        async with front_end.memory.lock(sender):
            try:
                await asyncio.get_running_loop().run_in_executor(None, forget_sender, self.database_url, sender)
            except Exception:
                logger.exception("telegram.forget.failure")
                await front_end.say(update, sender, "forget_failed")
                return
            front_end.memory.forget(sender)
            front_end.limiter.forget(sender)
            logger.info("telegram.forget.done")
        await front_end.say(update, sender, "forget_done")

    async def on_erase(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes the messages of the last 48 hours that the front-end saw, the person's and its own
        (Telegram lets a bot delete both in a private chat), then says how to clear the rest."""
        sender = self.front_end.received(update)
        bot, chat_id = update.get_bot(), update.effective_chat.id
        deleted = 0
        for message_id in self.front_end.memory.take_erasable(sender):
            try:
                await with_retries(lambda: bot.delete_message(chat_id, message_id))
                deleted += 1
            except TelegramError:
                pass  # too old, or already deleted by the person: Telegram says no, nothing to do
        await self.front_end.say(update, sender, "erase_done", count=deleted)


def _button_name(code: str) -> str:
    name = country_name(code)
    return name[4:] if name.startswith("the ") else name
