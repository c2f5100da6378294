"""Which front-end a REST request comes from: the channel the escalation audit counts.

A front-end of its own (the Telegram one, bot/channels/telegram/) reaches the assistant through the
public REST channel, where any client can write anything in the body, so the body never names the
channel. A front-end proves who it is with a secret it shares with the Rasa server, sent in the
X-Front-End-Secret header; a request without a secret the server knows is the REST channel's.
"""

import hmac
from typing import Dict, Mapping, Optional

HEADER = "X-Front-End-Secret"
# Each front-end's channel name, and the environment variable that holds its secret (the same value
# for the Rasa server and for the front-end).
SECRET_VARIABLES = {"telegram": "TELEGRAM_FRONT_END_SECRET"}
# Out of reach of guessing; `secrets.token_hex(32)` gives 64.
MIN_SECRET_CHARS = 32


class FrontEndSecretError(ValueError):
    """A secret too short to trust; the message names the variable and how to make a good one."""


def checked_secret(variable: str, value: Optional[str]) -> Optional[str]:
    """The secret, or None when it is not set."""
    secret = (value or "").strip()
    if not secret:
        return None
    if len(secret) < MIN_SECRET_CHARS:
        raise FrontEndSecretError(
            f"{variable} must be at least {MIN_SECRET_CHARS} characters. Create one with\n"
            "  python -c 'import secrets; print(secrets.token_hex(32))'\n"
            "and give the same value to the Rasa server and the front-end (e.g. in .env)."
        )
    return secret


def front_end_secrets(env: Mapping[str, str]) -> Dict[str, str]:
    """Channel name -> secret, for the front-ends whose secret is set."""
    secrets = {channel: checked_secret(variable, env.get(variable)) for channel, variable in SECRET_VARIABLES.items()}
    return {channel: secret for channel, secret in secrets.items() if secret}


def front_end_of(presented: Optional[str], secrets: Mapping[str, str]) -> Optional[str]:
    """The front-end whose secret was presented, or None."""
    if not presented:
        return None
    for channel, secret in secrets.items():
        # In constant time: how much of a guess was right must not show in how long the answer takes.
        if hmac.compare_digest(presented.encode("utf-8"), secret.encode("utf-8")):
            return channel
    return None
