"""While the conversation database cannot be reached: where conversations go, and what each turn says.

The redacting tracker store (bot/stores/redacting_store.py) keeps one `Outage` and reports to it.

Conversations meanwhile. A turn that cannot be read from or written to the database goes on from
memory: the events of the turns not stored, redacted exactly as they would have been written, so
the next message is read in context (the answer to "are you safe right now?" is acted on) and
nothing unredacted is kept. Bounded (MAX_KEPT_EVENTS across all conversations; the least recently
active are dropped first), per process, lost on a restart, and dropped, not written, as soon as the
database answers again: the conversation then goes on from what was stored before the outage. Not
written back, because the Telegram front-end's /forget deletes in the database directly: a later
write-back could bring back a conversation its writer had deleted in between.

Rasa's own fallback would do worse: its FailSafeTrackerStore saves a tracker that failed to save to an
in-memory store that keeps it unredacted, is never read again and never emptied. The redacting store
does not let a database error reach that wrapper, so its fallback stays unused.

Each turn's outcome, per sender, for the channel that answers it (bot/channels/webhook.py):
NOT_STORED (the reply must say so and carry crisis guidance) or NOT_FORGOTTEN (a "forget me" that
could not delete: the confirmation must not be sent).

Logged without a sender or a word of the conversation: the first failure (`store.unavailable`), the
recovery with how long and how many turns went unstored (`store.recovered`), and memory-limit drops.
"""

import logging
import time
from collections import OrderedDict
from enum import Enum
from typing import Callable, Dict, List, Optional

logger = logging.getLogger(__name__)

# About 60 MB: in memory a user event with its parse data takes about 8 KB, a bot message 3 KB, an
# action 1 KB, so a turn's events average under 3 KB each (tracemalloc, on events sized like stored ones).
MAX_KEPT_EVENTS = 20_000


class TurnTrouble(Enum):
    NOT_STORED = "not_stored"
    NOT_FORGOTTEN = "not_forgotten"


class Outage:
    def __init__(self, max_kept_events: int = MAX_KEPT_EVENTS, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_kept_events = max_kept_events
        self.clock = clock
        self.down_since: Optional[float] = None
        self.turns_not_stored = 0
        # Least recently active first.
        self._kept: "OrderedDict[str, List[dict]]" = OrderedDict()
        self._trouble: Dict[str, TurnTrouble] = {}

    # ------------------------------------------------------------ the database

    def failed(self, operation: str, error: Exception) -> None:
        if self.down_since is None:
            self.down_since = self.clock()
            # The first line only: the driver's reason ("Connection refused"); the store's engine
            # hides statement parameters, so no stored text can be in it.
            logger.error("store.unavailable operation=%s error=%s", operation, str(error).splitlines()[0])

    def answered(self) -> None:
        """The database answered: the outage (if any) is over and what memory kept is dropped."""
        if self.down_since is None:
            return
        logger.warning(
            "store.recovered after_seconds=%.1f turns_not_stored=%d conversations_dropped=%d",
            self.clock() - self.down_since,
            self.turns_not_stored,
            len(self._kept),
        )
        self.down_since = None
        self.turns_not_stored = 0
        self._kept.clear()

    # ------------------------------------------------------------ conversations meanwhile

    def kept_events(self, sender: str) -> List[dict]:
        """The events memory holds for sender (redacted event dicts, oldest first); [] if none."""
        return list(self._kept.get(sender, []))

    def keep(self, sender: str, events: List[dict]) -> None:
        """Adds a turn's redacted events to sender's conversation in memory."""
        kept = self._kept.pop(sender, []) + events
        if len(kept) > self.max_kept_events:
            # This conversation alone is over the limit: it goes, not the others.
            logger.warning("store.outage.memory_full conversations_dropped=1")
            return
        self._kept[sender] = kept
        dropped = 0
        while sum(len(e) for e in self._kept.values()) > self.max_kept_events:
            self._kept.popitem(last=False)
            dropped += 1
        if dropped:
            logger.warning("store.outage.memory_full conversations_dropped=%d", dropped)

    def drop(self, sender: str) -> None:
        self._kept.pop(sender, None)

    # ------------------------------------------------------------ each turn's outcome

    def clear(self, sender: str) -> None:
        """Nothing is wrong with sender's turn (so far)."""
        self._trouble.pop(sender, None)

    def mark(self, sender: str, trouble: TurnTrouble) -> None:
        if sender not in self._trouble:
            self.turns_not_stored += 1
        self._trouble[sender] = trouble

    def trouble(self, sender: str) -> Optional[TurnTrouble]:
        return self._trouble.get(sender)

    def take(self, sender: str) -> Optional[TurnTrouble]:
        """The outcome of sender's last turn, for the channel answering it; forgotten once taken."""
        return self._trouble.pop(sender, None)
