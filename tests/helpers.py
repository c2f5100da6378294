"""Shared test helpers: the project root, a free port, and domain responses rendered as Rasa renders them."""

import socket
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@lru_cache(maxsize=1)
def _domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


def render_response(name: str, slots: dict, **values) -> str:
    """The text Rasa's response generator picks for these slot values (conditional variations first)."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    tracker = DialogueStateTracker.from_events("test", [SlotSet(k, v) for k, v in slots.items()], domain.slots)
    generator = TemplatedNaturalLanguageGenerator(domain.responses)
    # The synchronous half of generator.generate(), so it also works inside a running event loop.
    message = generator.generate_from_slots(name, tracker.current_slot_values(), "rest", **values)
    return (message or {}).get("text") or ""


def unconditional_texts(name: str) -> set:
    """Every variation of the response that has no condition, as sent before any slot is set: each
    `{slot}` filled with the slot's initial value (e.g. every listed emergency number)."""
    from rasa.core.nlg.interpolator import interpolate_text
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    initial = DialogueStateTracker.from_events("test", [], domain.slots).current_slot_values()
    return {interpolate_text(v["text"], initial) for v in domain.responses[name] if not v.get("condition")}
