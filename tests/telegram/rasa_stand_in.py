"""A stand-in for Rasa's REST channel, for what a running Rasa will not do on demand: answer slowly,
or fail with 500 or an empty list. It records what the front-end sends."""

import asyncio
from typing import Callable, Dict, List

from aiohttp import web

from tests.telegram.threaded_server import ThreadedServer

# message -> (delay in seconds, HTTP status, body maker taking the sender id)
Script = Dict[str, tuple]


class RasaStandIn(ThreadedServer):
    name = "stand-in Rasa"

    def __init__(self, script: Script, default: Callable[[str], list]) -> None:
        super().__init__()
        self.script = script
        self.default = default
        self.received: List[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/webhooks/rest/webhook", self._webhook)

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        delay, status, make = self.script.get(body["message"], (0, 200, self.default))
        await asyncio.sleep(delay)
        return web.json_response(make(body["sender"]), status=status)
