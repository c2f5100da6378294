"""What the assistant says around a referral: the contract card, the same lines as text, short intros.

Wording follows safe-messaging practice: plain, calm, specific numbers, no lecture, no promises the
assistant cannot keep. The first reply to a crisis (acknowledge, emergency number, "are you safe right
now?") is a static response in domain.yml so it arrives even when the action server is down; what is
here adds the lines for the person's country.
"""
from typing import Iterable, Optional

CRISIS_CATEGORIES = ("suicide", "self_harm", "danger", "child", "harm_others")
CRISIS_INTENT_PREFIX = "crisis_"

_INTROS = {
    ("suicide", "self"): "Here are people you can talk to right now, any time of day or night:",
    ("suicide", "other"): "These lines also help people who are worried about someone. "
                          "You can call them with your friend, or for yourself:",
    ("self_harm", "self"): "These people understand self-harm and won't judge you. You can call or text:",
    ("self_harm", "other"): "These lines can help you support them, and they are there for you too:",
    ("danger", "self"): "These services help people being hurt or threatened at home. "
                        "They can help you plan how to stay safe:",
    ("danger", "other"): "These services can advise you on how to help someone who is being hurt:",
    ("child", "self"): "These people help children and young people. They will listen and it is free:",
    ("child", "other"): "If a child is being hurt, these services can advise you and act to protect them:",
    ("harm_others", "self"): "Talking to someone now can help you stay in control. These lines are there "
                             "for exactly this:",
}
_SUPPORT_INTROS = {
    "support": "Here are support lines you can reach:",
    "domestic_abuse": "If you'd like to talk it through with someone trained in this, these lines "
                      "are confidential and won't tell anyone you called:",
}
ASK_COUNTRY = ("If you tell me which country you're in, I can give you the local numbers. "
               "Until then, these work in many places.")


def category_of_intent(intent: Optional[str]) -> Optional[str]:
    if intent and intent.startswith(CRISIS_INTENT_PREFIX):
        category = intent[len(CRISIS_INTENT_PREFIX):]
        return category if category in CRISIS_CATEGORIES else None
    return None


def last_crisis_category(intents: Iterable[Optional[str]]) -> Optional[str]:
    """The category of the most recent crisis intent in a conversation, oldest intent first."""
    categories = [category_of_intent(intent) for intent in intents]
    return next((c for c in reversed(categories) if c), None)


def crisis_card(category: str, country: Optional[str], lines: list) -> dict:
    """The contract payload every channel understands (see DESIGN.md)."""
    return {"type": "crisis", "category": category, "country": country, "lines": lines}


def lines_card(need: str, country: Optional[str], lines: list) -> dict:
    """The same shape for lines given on request, without the alarm of a crisis card."""
    return {"type": "lines", "need": need, "country": country, "lines": lines}


def crisis_intro(category: str, subject: str) -> str:
    return _INTROS.get((category, subject)) or _INTROS[(category, "self")]


def support_intro(need: str) -> str:
    return _SUPPORT_INTROS[need]


def line_as_text(line: dict) -> str:
    ways = []
    if line.get("phone"):
        ways.append(f"call {line['phone']}")
    if line.get("sms"):
        ways.append(f"text {line['sms_body']} to {line['sms']}" if line.get("sms_body")
                    else f"text {line['sms']}")
    if line.get("url"):
        ways.append(line["url"])
    hours = f" ({line['hours']})" if line.get("hours") else ""
    return f"• {line['name']}{hours}: {', '.join(ways)}. {line['for']}"


def lines_as_text(lines: list) -> str:
    """The card's lines as plain text, for channels that cannot show a card."""
    return "\n".join(line_as_text(line) for line in lines)
