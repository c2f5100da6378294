"""What people send that is not a command or a button press: text goes to Rasa; what the assistant
cannot read (photos, stickers, voice notes, an edit, a message over the length limit) gets a polite
reply, and any text in it still goes through the local detector."""

from typing import List

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot.channels.common import MAX_MESSAGE_CHARS
from bot.channels.telegram.front_end import NEW_MESSAGE, PRIVATE, FrontEnd

NOT_KEPT = filters.LOCATION | filters.VENUE | filters.CONTACT


class Messages:
    def __init__(self, front_end: FrontEnd) -> None:
        self.front_end = front_end

    def handlers(self) -> List[BaseHandler]:
        """In this order, after the commands (which are text too): the first that matches answers."""
        return [
            MessageHandler(NEW_MESSAGE & filters.TEXT, self.on_text),
            MessageHandler(NEW_MESSAGE & NOT_KEPT, self.on_not_kept),
            MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, self.on_edited),
            MessageHandler(NEW_MESSAGE & ~filters.StatusUpdate.ALL, self.on_not_text),
        ]

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        front_end = self.front_end
        sender = front_end.received(update)
        message = update.effective_message
        if not await front_end.admitted(update, sender, message.text):
            return
        if not message.text.strip():
            await front_end.say(update, sender, "not_text")
            return
        if len(message.text) > MAX_MESSAGE_CHARS:
            await front_end.say(update, sender, "too_long", max_chars=f"{MAX_MESSAGE_CHARS:,}")
            await front_end.crisis_check(update, sender, message.text)
            return
        await front_end.converse(update, sender, message.text.strip())

    async def on_not_kept(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = self.front_end.received(update)
        if await self.front_end.admitted(update, sender, None):
            await self.front_end.say(update, sender, "not_kept")

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        front_end = self.front_end
        sender = front_end.received(update)
        caption = update.effective_message.caption
        if await front_end.admitted(update, sender, caption):
            await front_end.say(update, sender, "not_text")
            await front_end.crisis_check(update, sender, caption)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Not kept for /erase: an edit has the id of the message it changed, kept when it arrived.
        front_end = self.front_end
        sender = front_end.sender(update)
        message = update.effective_message
        if await front_end.admitted(update, sender, message.text or message.caption):
            await front_end.say(update, sender, "edited")
            await front_end.crisis_check(update, sender, message.text or message.caption)
