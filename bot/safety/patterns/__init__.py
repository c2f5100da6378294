"""The risk vocabulary: token patterns per crisis category, as reviewable data.

Each pattern is a short phrase compiled into a spaCy Matcher pattern (see bot.safety.detector):
  "a|b"    one of several words           "word?"  optional word
  "*N"     up to N words of anything       "@group" any word of a group (vocabulary.py)
  "#age"   a number from 5 to 17           "#adult" a number from 18 to 99
  "$"      the end of a clause or message
Words are written in their base form ("kill", not "killing"); the detector matches lemmas.
A pattern whose own words include a negator ("not want to live") is never cancelled by negation.

Subject (who is at risk): "self" (the writer), "other" (someone the writer is worried about), or None:
decided by the words inside the match ("me"/"my" -> self, "her"/"him" -> other), else by the nearest
person word before it.
"""

from bot.safety.patterns import self_harm_and_suicide, violence
from bot.safety.patterns.cancellers import (
    ANSWER_WORDS,
    ASKING_MARKERS,
    CLAUSE_BREAKS,
    FEAR_WORDS,
    HEDGES,
    IDIOMS,
    JOKE_MARKERS,
    LONG_PAST_MARKERS,
    LONG_PAST_MIN_YEARS,
    LONG_PAST_ONGOING,
    LONG_PAST_TIME,
    MARKERS,
    MEDIA_WORDS,
    NEGATORS,
    ONGOING_MARKERS,
    PAST_MARKERS,
    PAST_WORDS,
    RESOLVED_MARKERS,
)
from bot.safety.patterns.lookalikes import LOOKALIKES
from bot.safety.patterns.vocabulary import GROUPS, RiskPattern

PATTERNS = self_harm_and_suicide.PATTERNS + violence.PATTERNS

__all__ = [
    "ANSWER_WORDS",
    "ASKING_MARKERS",
    "FEAR_WORDS",
    "ONGOING_MARKERS",
    "PAST_WORDS",
    "RESOLVED_MARKERS",
    "CLAUSE_BREAKS",
    "GROUPS",
    "HEDGES",
    "IDIOMS",
    "JOKE_MARKERS",
    "LONG_PAST_MARKERS",
    "LONG_PAST_MIN_YEARS",
    "LONG_PAST_ONGOING",
    "LONG_PAST_TIME",
    "LOOKALIKES",
    "MARKERS",
    "MEDIA_WORDS",
    "NEGATORS",
    "PAST_MARKERS",
    "PATTERNS",
    "RiskPattern",
]
