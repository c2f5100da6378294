"""What the person gets without Rasa: crisis guidance from the reviewed file, never silence.

The risk detector runs here, in the front-end, on the text Rasa could not read (or that was too
long, or came faster than the limit), so a message about a crisis still gets its category's lines.
"""

import logging
from typing import List, Optional

from bot.channels.telegram.formatting import Outgoing, card_messages, escape
from bot.channels.telegram.texts import text
from bot.safety.detector import RiskDetector
from crisis.card import crisis_card
from crisis.directory import lines_from_file, offline_card

logger = logging.getLogger(__name__)


def crisis_category(detector: RiskDetector, message: Optional[str]) -> Optional[str]:
    """The detector's crisis category for a message, or None; a detector failure is logged (never
    the text) and treated as no finding, so the general crisis lines still go out."""
    if not message or not message.strip():
        return None
    try:
        assessment = detector.assess(message)
    except Exception:
        logger.exception("telegram.detector.failure")
        return None
    return assessment.category if assessment.is_crisis else None


def crisis_lines(category: str, country: Optional[str]) -> List[Outgoing]:
    """The card for one crisis category, from the reviewed file."""
    return card_messages(crisis_card(category, country, lines_from_file(country, category)))


def help_lines(intro_key: str, country: Optional[str]) -> List[Outgoing]:
    """An intro, the general crisis lines for the country, and how to set the country if unknown."""
    messages = [Outgoing(escape(text(intro_key)))]
    messages += card_messages(offline_card(country))
    if not country:
        messages.append(Outgoing(escape(text("help_country_hint"))))
    return messages


def unavailable_reply(category: Optional[str], country: Optional[str]) -> List[Outgoing]:
    """When Rasa is unreachable, erroring or slow: say so, and give the lines for the crisis the
    detector found, else the general crisis lines."""
    if category:
        return [Outgoing(escape(text("trouble_crisis")))] + crisis_lines(category, country)
    return help_lines("trouble", country)
