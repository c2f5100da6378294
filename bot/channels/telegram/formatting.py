"""What Rasa's answers look like in Telegram: plain functions from REST messages to Telegram messages.

Telegram's HTML parse mode is used because its escaping is three characters (&, <, >), where
MarkdownV2 needs eighteen; everything from Rasa or the directory is escaped, and only the tags
built here reach Telegram. Links stay links: Telegram links bare URLs itself, and Markdown links
from a response ([words](https://...)) become <a> tags.
"""

import html
import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.channels.telegram.texts import text
from crisis.card import lines_as_text

# Telegram refuses longer messages (counted in UTF-16 code units, after entity parsing).
TELEGRAM_MAX_CHARS = 4096
# Telegram refuses callback data longer than this (bytes).
CALLBACK_MAX_BYTES = 64
CARD_TYPES = ("crisis", "lines")
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()]+)\)")
# A sentence ends at . ! ? or … (closing quotes or brackets may follow) before white space.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Button:
    title: str
    callback: Optional[str] = None
    url: Optional[str] = None


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message: HTML text and an inline keyboard (rows of buttons)."""

    html: str
    keyboard: Tuple[Tuple[Button, ...], ...] = ()


def escape(value: str) -> str:
    return html.escape(value, quote=False)


def format_text(value: str) -> str:
    """Rasa text as Telegram HTML: everything escaped, Markdown links as links."""
    parts, last = [], 0
    for link in MARKDOWN_LINK.finditer(value):
        parts.append(escape(value[last : link.start()]))
        parts.append(f'<a href="{html.escape(link.group(2), quote=True)}">{escape(link.group(1))}</a>')
        last = link.end()
    parts.append(escape(value[last:]))
    return "".join(parts)


def telegram_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def _prefix_within(value: str, limit: int) -> str:
    """The longest prefix of value whose Telegram length is within limit."""
    end = min(len(value), limit)
    while telegram_length(value[:end]) > limit:
        end -= 1
    return value[:end]


def split_message(value: str, limit: int = TELEGRAM_MAX_CHARS) -> List[str]:
    """Parts of at most `limit` Telegram characters, cut after the last sentence that fits, else at
    the last space, else (one unbroken run of characters) at the limit. Nothing is dropped but the
    white space at a cut."""
    parts = []
    rest = value.strip()
    while telegram_length(rest) > limit:
        window = _prefix_within(rest, limit)
        # One character past the window shows whether the window itself ends a sentence or a word.
        probe = rest[: len(window) + 1]
        sentence_ends = [m.end() for m in SENTENCE_END.finditer(probe) if m.end() <= len(window)]
        word_ends = [m.start() for m in WHITESPACE.finditer(probe) if 0 < m.start() <= len(window)]
        cut = (sentence_ends or word_ends or [len(window)])[-1]
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return parts + ([rest] if rest else [])


def _http_url(value: object) -> Optional[str]:
    return value if isinstance(value, str) and re.match(r"^https?://[^\s]+$", value) else None


def rasa_buttons(buttons: object) -> Tuple[Tuple[Button, ...], ...]:
    """Rasa's buttons, one a row (titles are phrases, phones are narrow). A press sends the payload
    back; a payload too long for Telegram's callback data sends the title instead, which NLU reads
    as if typed."""
    rows = []
    for button in buttons if isinstance(buttons, list) else []:
        if not isinstance(button, dict) or not isinstance(button.get("title"), str) or not button["title"].strip():
            continue
        title = button["title"].strip()
        url = _http_url(button.get("url"))
        if url:
            rows.append((Button(title, url=url),))
            continue
        payload = button.get("payload") if isinstance(button.get("payload"), str) else title
        if len(payload.encode("utf-8")) > CALLBACK_MAX_BYTES:
            payload = title
        rows.append((Button(title, callback=payload.encode("utf-8")[:CALLBACK_MAX_BYTES].decode("utf-8", "ignore")),))
    return tuple(rows)


def _line_html(line: dict) -> str:
    """Numbers first (what to dial or text), then the name, hours, whether it takes texts, who it is for."""
    ways = []
    if line.get("phone"):
        ways.append(f"<b>{escape(text('card_call', phone=line['phone']))}</b>")
    if line.get("sms"):
        label = (
            text("card_text_keyword", keyword=line["sms_body"], sms=line["sms"])
            if line.get("sms_body")
            else text("card_text", sms=line["sms"])
        )
        ways.append(f"<b>{escape(label)}</b>")
    about = [line.get("name") or "", line.get("hours") or ""]
    if line.get("phone") or line.get("sms"):
        about.append(text("card_takes_texts") if line.get("sms") else text("card_no_texts"))
    rows = [" · ".join(ways), escape(" · ".join(part for part in about if part))]
    if line.get("for"):
        rows.append(escape(line["for"]))
    return "\n".join(row for row in rows if row)


def card_messages(card: dict) -> List[Outgoing]:
    """The crisis card (or lines on request): a title, each line with its numbers first, and the web
    links as URL buttons. A card too long for one message goes on in the next."""
    title = text("card_title") if card.get("type") == "crisis" else text("card_title_lines")
    lines = [line for line in card.get("lines") or [] if isinstance(line, dict) and line.get("name")]
    blocks = [_line_html(line) for line in lines] or [escape(text("card_no_lines"))]
    keyboard = tuple(
        (Button(line["name"], url=_http_url(line.get("url"))),) for line in lines if _http_url(line.get("url"))
    )
    messages, current = [], f"<b>{escape(title)}</b>"
    for block in blocks:
        if telegram_length(f"{current}\n\n{block}") > TELEGRAM_MAX_CHARS:
            messages.append(current)
            current = block
        else:
            current = f"{current}\n\n{block}"
    messages.append(current)
    return [Outgoing(body, keyboard if i == len(messages) - 1 else ()) for i, body in enumerate(messages)]


def text_messages(value: str, keyboard: Tuple[Tuple[Button, ...], ...] = ()) -> List[Outgoing]:
    """A text in as many messages as it needs; the buttons go under the last part."""
    parts = split_message(value)
    return [Outgoing(format_text(part), keyboard if i == len(parts) - 1 else ()) for i, part in enumerate(parts)]


def render_replies(replies: Iterable[object]) -> List[Outgoing]:
    """Rasa's REST answer as Telegram messages, in Rasa's order. A card is drawn as a card, and the
    plain-text copy of its lines that comes beside it (for channels without cards) is not repeated.
    A check-in (custom "risk_check") is its question with its buttons, which come as text and
    buttons like any other message."""
    out: List[Outgoing] = []
    card_text = None
    for message in replies:
        if not isinstance(message, dict):
            continue
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") in CARD_TYPES:
            out.extend(card_messages(custom))
            card_text = lines_as_text([line for line in custom.get("lines") or [] if isinstance(line, dict)])
        body = message.get("text")
        keyboard = rasa_buttons(message.get("buttons"))
        if isinstance(body, str) and body.strip():
            if body == card_text:
                continue
            out.extend(text_messages(body, keyboard))
        elif keyboard and out and not out[-1].keyboard:
            out[-1] = Outgoing(out[-1].html, keyboard)
    return out


def cards_country(replies: Sequence[object]) -> Optional[str]:
    """The country of the last card in an answer, when Rasa named one (the person said it)."""
    countries = [
        m["custom"].get("country")
        for m in replies
        if isinstance(m, dict) and isinstance(m.get("custom"), dict) and m["custom"].get("type") in CARD_TYPES
    ]
    return next((c for c in reversed(countries) if isinstance(c, str) and c), None)
