"""What the front-end remembers about a chat, in memory only and keyed by the pseudonymous sender
id: the country the person chose, and the ids (never the text) of recent messages for /erase.

Nothing here is written to disk; a restart forgets it all.
"""

import asyncio
import time
import weakref
from collections import deque
from typing import Callable, Deque, Dict, List, Optional, Tuple

# Telegram lets a bot delete messages for 48 hours after they were sent.
ERASABLE_SECONDS = 48 * 3600
MAX_ERASABLE = 500


class ChatMemory:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._countries: Dict[str, Optional[str]] = {}
        self._messages: Dict[str, Deque[Tuple[float, int]]] = {}
        # One turn at a time per chat keeps its replies in order, and keeps /forget from running
        # while Rasa holds the same conversation (it would write the old events back).
        self._locks: "weakref.WeakValueDictionary[str, asyncio.Lock]" = weakref.WeakValueDictionary()

    def lock(self, sender: str) -> asyncio.Lock:
        lock = self._locks.get(sender)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[sender] = lock
        return lock

    def chosen_country(self, sender: str) -> Tuple[bool, Optional[str]]:
        """(whether the person chose, the country or None for "somewhere else")."""
        return (sender in self._countries, self._countries.get(sender))

    def choose_country(self, sender: str, country: Optional[str]) -> None:
        self._countries[sender] = country

    def remember_message(self, sender: str, message_id: int) -> None:
        now = self._clock()
        messages = self._messages.setdefault(sender, deque(maxlen=MAX_ERASABLE))
        while messages and now - messages[0][0] >= ERASABLE_SECONDS:
            messages.popleft()
        messages.append((now, message_id))

    def take_erasable(self, sender: str) -> List[int]:
        """The ids Telegram may still let the bot delete, newest first; they are forgotten here."""
        now = self._clock()
        messages = self._messages.pop(sender, deque())
        return [message_id for sent, message_id in reversed(messages) if now - sent < ERASABLE_SECONDS]

    def forget(self, sender: str) -> None:
        """/forget: the country goes; the message ids stay (only for 48 hours) so /erase still works."""
        self._countries.pop(sender, None)
