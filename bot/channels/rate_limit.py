"""A per-sender limit on messages, so that one sender (a stuck client, a script) cannot flood the server.

A sliding window per sender, in this process (behind several replicas each has its own, and the proxy
adds a per-address limit: deploy/). Generous enough for someone typing fast in a hurry: the default is
20 messages in 60 seconds. Senders idle for a whole window are forgotten, so memory stays bounded by
the senders active in the last minute.
"""

import time
from collections import deque
from typing import Callable, Deque, Dict

DEFAULT_MESSAGES = 20
DEFAULT_PER_SECONDS = 60.0


class SenderRateLimiter:
    def __init__(
        self,
        messages: int = DEFAULT_MESSAGES,
        per_seconds: float = DEFAULT_PER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if messages < 1 or per_seconds <= 0:
            raise ValueError("rate_limit needs messages >= 1 and per_seconds > 0")
        self.messages = messages
        self.per_seconds = per_seconds
        self.clock = clock
        self._recent: Dict[str, Deque[float]] = {}
        self._last_sweep = clock()

    def allow(self, sender: str) -> bool:
        """Counts this message for sender; False when it is over the limit (it is then not counted)."""
        now = self.clock()
        self._forget_idle(now)
        recent = self._recent.setdefault(sender, deque())
        while recent and recent[0] <= now - self.per_seconds:
            recent.popleft()
        if len(recent) >= self.messages:
            return False
        recent.append(now)
        return True

    def retry_after(self, sender: str) -> int:
        """Whole seconds until sender may write again."""
        recent = self._recent.get(sender)
        if not recent:
            return 0
        return max(1, int(recent[0] + self.per_seconds - self.clock() + 0.999))

    def _forget_idle(self, now: float) -> None:
        # Once a window, not on every message: the sweep reads every sender.
        if now - self._last_sweep < self.per_seconds:
            return
        self._last_sweep = now
        idle = [s for s, times in self._recent.items() if not times or times[-1] <= now - self.per_seconds]
        for sender in idle:
            del self._recent[sender]
