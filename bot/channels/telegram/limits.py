"""One chat cannot flood the assistant: the channels' per-sender window, plus Telegram's notices.

Telegram's own flood limits (what the bot may send) are python-telegram-bot's AIORateLimiter's job;
this limits what one person may make the assistant do. The counting is bot/channels/rate_limit.py's;
what is Telegram's own is that each kind of notice ("too fast", the crisis lines of a refused
message) is sent at most once a window, so that the replies to a flood cannot become a flood.
"""

import time
from typing import Callable, Dict, Tuple

from bot.channels.rate_limit import SenderRateLimiter

# A person in distress may send several short messages in a row; a script sends dozens.
MAX_MESSAGES = 15
WINDOW_SECONDS = 60.0


class ChatRateLimiter(SenderRateLimiter):
    def __init__(
        self,
        max_messages: int = MAX_MESSAGES,
        window_seconds: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(messages=max_messages, per_seconds=window_seconds, clock=clock)
        self._noticed: Dict[Tuple[str, str], float] = {}

    def notice_due(self, sender: str, kind: str) -> bool:
        """True once a window for each kind of notice ("too_fast", "crisis")."""
        now = self.clock()
        last = self._noticed.get((sender, kind))
        if last is not None and now - last < self.per_seconds:
            return False
        self._noticed[(sender, kind)] = now
        for key in [k for k, at in self._noticed.items() if now - at >= self.per_seconds]:
            del self._noticed[key]
        return True

    def forget(self, sender: str) -> None:
        self._recent.pop(sender, None)
        for key in [key for key in self._noticed if key[0] == sender]:
            del self._noticed[key]
