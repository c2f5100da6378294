"""Talking to the Rasa server over its REST channel (POST /webhooks/rest/webhook).

Any failure (unreachable, an HTTP error, a timeout, an answer that is not a non-empty list) is one
exception, RasaUnavailable, whose kind is the only thing logged: never the message. With the secret it
shares with the Rasa server, every request says it comes from this front-end (bot/channels/front_ends.py).
"""

import logging
from typing import Any, Dict, List, Optional

import httpx

from bot.channels.front_ends import HEADER

logger = logging.getLogger(__name__)

REST_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class RasaClient:
    def __init__(
        self,
        rasa_url: str,
        timeout: float,
        front_end_secret: Optional[str] = None,
        client: Optional[httpx.AsyncClient] = None,
    ) -> None:
        self.url = rasa_url.rstrip("/") + REST_PATH
        self.timeout = timeout
        self._headers = {HEADER: front_end_secret} if front_end_secret else {}
        self._client = client or httpx.AsyncClient()

    async def send(self, sender: str, message: str, metadata: Dict[str, Any]) -> List[dict]:
        try:
            response = await self._client.post(
                self.url,
                json={"sender": sender, "message": message, "metadata": metadata},
                headers=self._headers,
                timeout=self.timeout,
            )
            response.raise_for_status()
            replies = response.json()
        except httpx.TimeoutException:
            raise self._unavailable("timeout") from None
        except httpx.HTTPStatusError as error:
            raise self._unavailable(f"http_{error.response.status_code}") from None
        except httpx.HTTPError:
            raise self._unavailable("unreachable") from None
        except ValueError:
            raise self._unavailable("unreadable") from None
        # The REST channel answers [] when Rasa failed inside; no answer at all is a failure too.
        if not isinstance(replies, list) or not replies:
            raise self._unavailable("empty")
        return replies

    async def close(self) -> None:
        await self._client.aclose()

    @staticmethod
    def _unavailable(kind: str) -> RasaUnavailable:
        logger.error("telegram.rasa.unavailable kind=%s", kind)
        return RasaUnavailable(kind)
