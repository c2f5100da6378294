"""Pseudonymous sender ids: what Rasa, the tracker store and the logs see instead of a chat id.

A keyed hash (HMAC-SHA256 with SENDER_ID_SECRET), so the same chat always reaches the same
conversation while nobody holding the database, but not the key, can tell which chat it was.
"""

import hashlib
import hmac

from bot.channels.common import SENDER_ID

PREFIX = "tg-"
# 48 hex digits (192 bits) keep collisions out of reach and the id inside SENDER_ID's 64 characters.
DIGEST_CHARS = 48


def sender_id(chat_id: int, secret: bytes) -> str:
    digest = hmac.new(secret, str(chat_id).encode("ascii"), hashlib.sha256).hexdigest()
    sender = PREFIX + digest[:DIGEST_CHARS]
    assert SENDER_ID.match(sender)
    return sender
