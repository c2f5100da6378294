"""One chat cannot flood the assistant: a sliding window of messages per sender id.

Telegram's own flood limits (what the bot may send) are python-telegram-bot's AIORateLimiter's job;
this limits what one person may make the assistant do.
"""

import time
from collections import deque
from typing import Callable, Deque, Dict, Tuple

# A person in distress may send several short messages in a row; a script sends dozens.
MAX_MESSAGES = 15
WINDOW_SECONDS = 60.0
# Idle senders are dropped from memory this often (in checks), so the table does not grow forever.
SWEEP_EVERY = 1000


class ChatRateLimiter:
    def __init__(
        self,
        max_messages: int = MAX_MESSAGES,
        window_seconds: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_messages = max_messages
        self.window_seconds = window_seconds
        self._clock = clock
        self._sent: Dict[str, Deque[float]] = {}
        self._noticed: Dict[Tuple[str, str], float] = {}
        self._checks = 0

    def allow(self, sender: str) -> bool:
        """Whether this message may go on to the assistant; refused ones are not counted, so a
        sender who slows down is served again as the window moves."""
        now = self._clock()
        self._checks += 1
        if self._checks % SWEEP_EVERY == 0:
            self._sweep(now)
        sent = self._sent.setdefault(sender, deque())
        while sent and now - sent[0] >= self.window_seconds:
            sent.popleft()
        if len(sent) >= self.max_messages:
            return False
        sent.append(now)
        return True

    def notice_due(self, sender: str, kind: str) -> bool:
        """True once a window for each kind of notice ("too_fast", "crisis"), so that the replies
        to a flood cannot become a flood themselves."""
        now = self._clock()
        last = self._noticed.get((sender, kind))
        if last is not None and now - last < self.window_seconds:
            return False
        self._noticed[(sender, kind)] = now
        return True

    def forget(self, sender: str) -> None:
        self._sent.pop(sender, None)
        for key in [key for key in self._noticed if key[0] == sender]:
            del self._noticed[key]

    def _sweep(self, now: float) -> None:
        for sender in [s for s, sent in self._sent.items() if not sent or now - sent[-1] >= self.window_seconds]:
            del self._sent[sender]
        for key in [k for k, last in self._noticed.items() if now - last >= self.window_seconds]:
            del self._noticed[key]
