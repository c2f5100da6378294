"""What every channel shares: the message length limit, the sender-id rule and the metadata shape.

And one rule that is not code: no channel ever logs a message's text, only what happened to it
("web.message.failure"), because the words may name people and places.
"""

import re
from dataclasses import dataclass
from typing import Any, Dict, Optional, Text

# Longer messages are refused with 413 rather than cut: a cut message could lose the very sentence
# that says someone is in danger. The widget checks the same limit before sending.
MAX_MESSAGE_CHARS = 2000
MAX_BODY_BYTES = 16 * 1024
SENDER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# A BCP 47 language tag as browsers report it: "en", "en-GB", "zh-Hant-TW".
LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$")


class ChatRequestError(ValueError):
    """A webhook request the channel refuses, with the HTTP status and a short machine code."""

    def __init__(self, status: int, code: Text, detail: Text) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail

    def as_json(self) -> Dict[Text, Any]:
        body: Dict[Text, Any] = {"error": self.code, "detail": self.detail}
        if self.code == "message_too_long":
            body["max_chars"] = MAX_MESSAGE_CHARS
        return body


@dataclass(frozen=True)
class ChatRequest:
    sender: Text
    message: Text
    locale: Optional[Text]
    channel: Text

    def metadata(self) -> Dict[Text, Any]:
        """What the actions see (the metadata shape every channel sends): the channel, and the
        person's language setting, from which the country is guessed until they name one."""
        return {"channel": self.channel, "locale": self.locale}


def normalise_locale(value: Any) -> Optional[Text]:
    """The locale if it looks like a language tag ("en-GB"), else None; nothing else passes."""
    if isinstance(value, str) and LOCALE.match(value):
        return value
    return None


def parse_chat_request(body: Any, channel: Text) -> ChatRequest:
    """Checks a decoded webhook body; raises ChatRequestError saying what is wrong."""
    if not isinstance(body, dict):
        raise ChatRequestError(400, "bad_request", "The body must be a JSON object.")
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_ID.match(sender):
        raise ChatRequestError(400, "bad_sender", "'sender' must be 8 to 64 letters, digits, '-' or '_'.")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ChatRequestError(400, "bad_message", "'message' must be a non-empty string.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise ChatRequestError(
            413,
            "message_too_long",
            f"Messages can be up to {MAX_MESSAGE_CHARS} characters; this one has {len(message)}.",
        )
    metadata = body.get("metadata")
    locale = normalise_locale(metadata.get("locale")) if isinstance(metadata, dict) else None
    return ChatRequest(sender=sender, message=message.strip(), locale=locale, channel=channel)
