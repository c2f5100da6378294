"""A small aiohttp server on 127.0.0.1 running in a thread of its own, for the tests' stand-ins."""

import asyncio
import threading
from typing import Optional

from aiohttp import web


class ThreadedServer:
    """Subclasses add their routes in `routes` and may prepare loop-bound state in `on_loop`."""

    name = "stand-in server"

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.port: Optional[int] = None
        self._runner: Optional[web.AppRunner] = None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def on_loop(self) -> None:
        """Called in the server's loop before it accepts requests."""

    def start(self):
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"the {self.name} did not start")
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(_shut_down(self._runner), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        self.routes(app)
        self._runner = runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self.on_loop()
        self._ready.set()
        self._loop.run_forever()


async def _shut_down(runner: web.AppRunner) -> None:
    """Ends the requests still open (the bot's long poll) before the loop stops."""
    await runner.cleanup()
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
