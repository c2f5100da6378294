"""Headless Chromium for the widget tests, and a small stand-in server for the failure cases.

The happy paths run against the real assistant (the `assistant` fixture in tests/conftest.py). The
stand-in serves the real widget files from bot/static and answers the webhook with whatever a test
sets, so malformed replies and a server that goes away can be shown to the real browser.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple
from urllib.parse import parse_qs, urlencode

import pytest
from playwright.sync_api import sync_playwright

from bot.channels.web import STATIC_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# The widget's default exit page. There is no internet in the tests, so the browser is answered
# locally whenever it asks for it.
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1024, "height": 800}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """open_page(phone=False) -> a fresh page in its own context (own storage, own history), on a
    desktop screen or a 360x740 phone screen.
    Page errors are collected; a test that ends with any fails."""
    contexts = []
    errors: List[str] = []

    def make(phone: bool = False):
        context = chromium.new_context(viewport=PHONE if phone else DESKTOP, locale="en-GB")
        context.route(DEFAULT_EXIT_URL + "*", lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass
class StandIn:
    """What the stand-in answers; tests change these between requests."""

    url: str = ""
    webhook_reply: Tuple[int, str, str] = (200, "application/json", "[]")
    offline_reply: Tuple[int, str, str] = (503, "application/json", "{}")
    delay_seconds: float = 0.0
    received: List[Dict[str, Any]] = field(default_factory=list)
    server: Optional[ThreadingHTTPServer] = None

    def reply_json(self, body: Any, status: int = 200) -> None:
        self.webhook_reply = (status, "application/json", json.dumps(body))

    def offline_json(self, body: Any, status: int = 200) -> None:
        self.offline_reply = (status, "application/json", json.dumps(body))

    def go_down(self) -> None:
        """Stops listening, as a crashed server would: later connections are refused."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def host_page(self, exit_url: str = "", assistant: str = "") -> str:
        """A page of another site that embeds the widget of `assistant` (by default the stand-in)."""
        query = urlencode({key: value for key, value in (("exit", exit_url), ("assistant", assistant)) if value})
        return f"{self.url}/host.html" + (f"?{query}" if query else "")


def _host_page(base: str, exit_url: str) -> str:
    exit_attribute = f' data-exit-url="{exit_url}"' if exit_url else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>Host site</title>"
        f"<script src='{base}/webhooks/web/widget.js' data-assistant-url='{base}'{exit_attribute} defer></script>"
        "</head><body><h1>A site that embeds the chat</h1></body></html>"
    )


@pytest.fixture
def standin() -> Iterator[StandIn]:
    state = StandIn()
    static_types = {"widget.js": "text/javascript", "widget.css": "text/css"}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, content_type: str, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            name = path.rsplit("/", 1)[-1]
            if path.startswith("/webhooks/web/") and name in static_types:
                self._send(200, static_types[name], (STATIC_DIR / name).read_text("utf-8"))
            elif path == "/webhooks/web/offline-lines":
                self._send(*state.offline_reply)
            elif path == "/host.html":
                params = parse_qs(query)
                assistant = params.get("assistant", [state.url])[0]
                self._send(200, "text/html", _host_page(assistant, params.get("exit", [""])[0]))
            elif path == "/neutral.html":
                self._send(200, "text/html", NEUTRAL_PAGE)
            else:
                self._send(404, "text/plain", "not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, 1_000_000))
            try:
                state.received.append(json.loads(body))
            except ValueError:
                state.received.append({"undecodable": body[:200].decode("utf-8", "replace")})
            time.sleep(state.delay_seconds)
            self._send(*state.webhook_reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.server = server
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.go_down()
    thread.join(timeout=5)
