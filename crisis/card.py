"""The card every channel renders (the contract in DESIGN.md), and the same lines as plain text.

The words around a card (intros, questions) are responses in domain.yml; only the lines themselves,
which come from the reviewed directory, are written out here.
"""

from typing import Optional


def crisis_card(category: str, country: Optional[str], lines: list) -> dict:
    """The contract payload: {"type": "crisis", "category", "country", "lines"}."""
    return {"type": "crisis", "category": category, "country": country, "lines": lines}


def lines_card(need: str, country: Optional[str], lines: list) -> dict:
    """The same shape for lines given on request, without the alarm of a crisis card."""
    return {"type": "lines", "need": need, "country": country, "lines": lines}


def line_as_text(line: dict) -> str:
    ways = []
    if line.get("phone"):
        ways.append(f"call {line['phone']}")
    if line.get("sms"):
        ways.append(f"text {line['sms_body']} to {line['sms']}" if line.get("sms_body") else f"text {line['sms']}")
    if line.get("url"):
        ways.append(line["url"])
    hours = f" ({line['hours']})" if line.get("hours") else ""
    return f"• {line['name']}{hours}: {', '.join(ways)}. {line['for']}"


def lines_as_text(lines: list) -> str:
    """The card's lines as plain text, for channels that cannot show a card."""
    return "\n".join(line_as_text(line) for line in lines)
