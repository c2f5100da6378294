"""The crisis categories and the intent names that carry them: one definition for both servers."""

from typing import Iterable, Optional

# When one message fires several categories, the one whose lines are the most urgent to reach wins.
CATEGORY_PRIORITY = ("child", "danger", "suicide", "self_harm", "harm_others")
CATEGORIES = frozenset(CATEGORY_PRIORITY)
INTENT_PREFIX = "crisis_"
CRISIS_INTENTS = tuple(f"{INTENT_PREFIX}{category}" for category in CATEGORY_PRIORITY)


def intent_for(category: str) -> str:
    return f"{INTENT_PREFIX}{category}"


def is_crisis_intent(intent: Optional[str]) -> bool:
    return bool(intent) and intent.startswith(INTENT_PREFIX)


def category_of_intent(intent: Optional[str]) -> Optional[str]:
    if is_crisis_intent(intent):
        category = intent[len(INTENT_PREFIX) :]
        return category if category in CATEGORIES else None
    return None


def last_crisis_category(intents: Iterable[Optional[str]]) -> Optional[str]:
    """The category of the most recent crisis intent in a conversation, oldest intent first."""
    categories = [category_of_intent(intent) for intent in intents]
    return next((c for c in reversed(categories) if c), None)
