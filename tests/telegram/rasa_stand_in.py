"""A stand-in for Rasa's REST channel, for what a running Rasa will not do on demand: answer slowly,
fail with 500 or an empty list, or (until the safety net's check-in is in the model) ask a check-in
question. It records what the front-end sends."""

import asyncio
import threading
from typing import Callable, Dict, List, Optional

from aiohttp import web

# message -> (delay in seconds, HTTP status, body maker taking the sender id)
Script = Dict[str, tuple]


class RasaStandIn:
    def __init__(self, script: Script, default: Callable[[str], list]) -> None:
        self.script = script
        self.default = default
        self.received: List[dict] = []
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.port: Optional[int] = None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "RasaStandIn":
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the stand-in Rasa did not start")
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(_shut_down(self._runner), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        self._runner = runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        delay, status, make = self.script.get(body["message"], (0, 200, self.default))
        await asyncio.sleep(delay)
        return web.json_response(make(body["sender"]), status=status)


async def _shut_down(runner: web.AppRunner) -> None:
    """Ends the requests still open (the bot's long poll) before the loop stops."""
    await runner.cleanup()
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
