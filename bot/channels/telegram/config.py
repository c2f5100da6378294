"""The front-end's settings, read from the environment (the names are a contract, see DESIGN.md).

A missing or malformed setting stops the front-end at start with a message naming the variable.
"""

import re
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlsplit

from bot.channels.front_ends import SECRET_VARIABLES, FrontEndSecretError, checked_secret

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_RASA_URL = "http://localhost:5005"
DEFAULT_DATABASE_URL = "sqlite:///var/assistant.db"
DEFAULT_WEBHOOK_PORT = 8443
# Long enough for the crisis path (Rasa asks the action server, which reads the directory), short
# enough that a person waiting at 3 a.m. hears back within seconds when the assistant is stuck.
DEFAULT_RASA_TIMEOUT_SECONDS = 5.0
# Only where ASSISTANT_ENV=development: a known key would let anyone link sender ids to chats.
DEVELOPMENT_SECRET = "development-only-sender-id-secret"
# What Telegram accepts as a webhook secret token.
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(ValueError):
    """A setting that is missing or wrong; the message names the variable and how to fix it."""


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str
    port: int
    listen: str

    @property
    def path(self) -> str:
        """Where the local server listens: the public URL's path (a reverse proxy keeps it)."""
        return urlsplit(self.url).path.lstrip("/")


@dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str
    rasa_url: str
    sender_secret: bytes
    database_url: str
    rasa_timeout: float
    webhook: Optional[Webhook]
    # Shared with the Rasa server, which then counts this front-end's messages as "telegram" in the
    # escalation audit; without it they count as "rest".
    front_end_secret: Optional[str]


def _positive_number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be greater than 0")
    return value


def _sender_secret(env: Mapping[str, str]) -> bytes:
    secret = env.get("SENDER_ID_SECRET", "").strip()
    if secret:
        return secret.encode("utf-8")
    if env.get("ASSISTANT_ENV") == "development":
        return DEVELOPMENT_SECRET.encode("utf-8")
    raise ConfigError(
        "SENDER_ID_SECRET is not set. It is the key for the pseudonymous sender ids; keep it secret "
        "and never change it (changing it starts every conversation afresh). Create one with\n"
        "  python -c 'import secrets; print(secrets.token_hex(32))'\n"
        "and put SENDER_ID_SECRET=<that value> in .env (or set ASSISTANT_ENV=development on a "
        "machine where only test chats happen)."
    )


def _webhook(env: Mapping[str, str]) -> Optional[Webhook]:
    url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
    if not url:
        return None
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ConfigError(f"TELEGRAM_WEBHOOK_URL must be a URL like https://bot.example.org/telegram, not {url!r}")
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if not WEBHOOK_SECRET.match(secret):
        raise ConfigError(
            "TELEGRAM_WEBHOOK_SECRET must be set in webhook mode: 1 to 256 letters, digits, '_' or '-'. "
            "Telegram sends it with every update, and requests without it are refused."
        )
    port = int(_positive_number(env, "TELEGRAM_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT))
    # Behind a reverse proxy with TLS, as Telegram requires; TELEGRAM_WEBHOOK_LISTEN=0.0.0.0 otherwise.
    listen = env.get("TELEGRAM_WEBHOOK_LISTEN", "").strip() or "127.0.0.1"
    return Webhook(url=url, secret=secret, port=port, listen=listen)


def _front_end_secret(env: Mapping[str, str]) -> Optional[str]:
    variable = SECRET_VARIABLES["telegram"]
    try:
        return checked_secret(variable, env.get(variable))
    except FrontEndSecretError as error:
        raise ConfigError(str(error)) from None


def load_settings(env: Mapping[str, str]) -> Settings:
    token = env.get("TELEGRAM_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "TELEGRAM_TOKEN is not set. Ask @BotFather in Telegram for a bot token (/newbot) and put "
            "TELEGRAM_TOKEN=<token> in .env or the environment (see the README's Telegram section)."
        )
    return Settings(
        token=token,
        api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL,
        rasa_url=(env.get("RASA_URL", "").strip() or DEFAULT_RASA_URL).rstrip("/"),
        sender_secret=_sender_secret(env),
        database_url=env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        rasa_timeout=_positive_number(env, "RASA_TIMEOUT_SECONDS", DEFAULT_RASA_TIMEOUT_SECONDS),
        webhook=_webhook(env),
        front_end_secret=_front_end_secret(env),
    )
