"""Which parts of a stored Rasa event come from what the person wrote, and redacting exactly those.

An event is the dict Rasa stores (`Event.as_dict()`). What the person wrote reaches: a user event's
`text`, its `parse_data` (the text again, entities and their values, the risk detector's matched
spans, anything a component adds), and its channel `metadata`; slot values (slots filled from the
text, form answers); added entities; and any event's `metadata`. Every string in those is redacted,
however deep. The bot's own messages (`bot` events: crisis numbers and lines) and action names are ours,
never the person's words, and stay as they are. Keys are never changed and nothing is removed, so the
event keeps its shape and Rasa can read it back.
"""

from typing import Any, Callable, Dict

Redact = Callable[[str], str]

PERSON_FIELDS = {
    "user": ("text", "parse_data", "metadata"),
    "slot": ("value", "metadata"),
    "entities": ("entities", "metadata"),
    "reminder": ("entities", "metadata"),
}
BOT_EVENT = "bot"
# What Rasa and its components name things with, never the person's words: left alone, since a
# message_id or a model_id (hex, e.g. "...cecb8586786") has digit runs that a phone recognizer takes
# for a number. Rasa puts model_id and assistant_id into the metadata of every event. ("name" is not
# here: a channel's metadata could carry a person's name under it.)
IDENTIFIER_KEYS = frozenset({"message_id", "model_id", "assistant_id", "entity", "extractor", "processors"})


def redact_value(value: Any, redact: Redact) -> Any:
    """Every string inside value redacted, except under IDENTIFIER_KEYS; dicts, lists and other
    values keep their shape."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: item if key in IDENTIFIER_KEYS else redact_value(item, redact) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item, redact) for item in value]
    return value


def redact_event(event: Dict[str, Any], redact: Redact) -> Dict[str, Any]:
    """A copy of the event with the person's words redacted (see the module's docstring)."""
    kind = event.get("event")
    if kind == BOT_EVENT:
        return event
    fields = PERSON_FIELDS.get(kind, ("metadata",))
    # The same text comes back several times in one event (text, parse_data.text): redact it once.
    # The memo lives for this event only, so no message stays in memory after it is stored.
    memo: Dict[str, str] = {}

    def redact_once(text: str) -> str:
        if text not in memo:
            memo[text] = redact(text)
        return memo[text]

    return {key: redact_value(value, redact_once) if key in fields else value for key, value in event.items()}
