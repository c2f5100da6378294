"""The lock store, from LOCK_STORE_URL: Redis when several Rasa processes serve the same conversations,
Rasa's in-memory lock store when one does (LOCK_STORE_URL empty, the default).

Rasa's own `type: redis` takes host, port and db as separate keys; this takes one URL,
`redis://[:password@]host[:port][/db]`, like DATABASE_URL. Configured in endpoints.yml:

    lock_store:
      type: bot.stores.lock.LockStoreFromUrl
      url: ${LOCK_STORE_URL}
"""

from typing import Optional
from urllib.parse import unquote, urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

DEFAULT_REDIS_PORT = 6379
DEFAULT_REDIS_DB = 1  # Rasa's default for its lock store


def redis_settings(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError("LOCK_STORE_URL must look like redis://host:6379/1")
    path = parts.path.strip("/")
    return {
        "host": parts.hostname,
        "port": parts.port or DEFAULT_REDIS_PORT,
        "db": int(path) if path else DEFAULT_REDIS_DB,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class LockStoreFromUrl:
    """Builds Rasa's own lock store from the URL. A class only because Rasa loads a custom lock store
    by class path; constructing it returns the real store (Redis or in-memory), nothing of its own."""

    def __new__(cls, endpoint_config: Optional[EndpointConfig] = None) -> LockStore:  # type: ignore[misc]
        url = endpoint_config.url if endpoint_config else None
        if not url:
            return InMemoryLockStore()
        return RedisLockStore(**redis_settings(url))
