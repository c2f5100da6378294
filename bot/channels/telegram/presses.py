"""Presses on inline buttons: a /country button sets the country, any other sends its payload to
Rasa as the next turn."""

from typing import List

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.channels.telegram.commands import COUNTRY_PREFIX, Commands
from bot.channels.telegram.front_end import FrontEnd
from bot.channels.telegram.sending import with_retries


class Presses:
    def __init__(self, front_end: FrontEnd, commands: Commands) -> None:
        self.front_end = front_end
        self.commands = commands

    def handlers(self) -> List[BaseHandler]:
        return [CallbackQueryHandler(self.on_press)]

    async def on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        # The spinner on the button stops only when the press is answered.
        await with_retries(query.answer)
        if not query.message or update.effective_chat is None or update.effective_chat.type != "private":
            return
        sender = self.front_end.sender(update)
        try:
            # Old buttons must not be pressed twice, or out of turn.
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError:
            pass  # an old or already-edited message; the press still counts
        data = query.data or ""
        if not await self.front_end.admitted(update, sender, None):
            return
        if data.startswith(COUNTRY_PREFIX):
            await self.commands.choose_country(update, sender, data[len(COUNTRY_PREFIX) :] or None)
        elif data:
            await self.front_end.converse(update, sender, data)
