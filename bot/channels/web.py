"""The web chat channel: serves the chat widget and answers it on the assistant's own origin.

Configured in credentials.yml:

    bot.channels.web.WebChatInput:
      allowed_origins: ["https://support.example.org"]

Routes, under /webhooks/web/:
    GET  /               the demo page with the chat
    GET  /widget.js      the widget script another site embeds with one <script> tag
    GET  /widget.css     its stylesheet (the script loads it itself)
    POST /webhook        {"sender", "message", "metadata": {"locale"}} -> list of bot messages, as REST
    GET  /offline-lines  crisis lines for the browser's locale, kept by the widget for when the
                         server cannot be reached later

CORS: a page on the assistant's own origin always works. A page on another origin may call the
webhook only when that origin is in `allowed_origins`; the answer then names that origin, never "*".
Rasa's own CORS layer (Sanic-CORS, configured by `rasa run --cors`) is overridden on these routes,
so a permissive `--cors` for the HTTP API cannot open the chat to every site.

The decisions (may this origin call, is this request well formed) are plain functions below, tested
without a server.
"""

import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, FrozenSet, Iterable, Optional, Text
from urllib.parse import urlsplit

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import normalise_locale, parse_chat_request
from bot.channels.rate_limit import SenderRateLimiter
from bot.channels.webhook import answer_chat, no_store, rate_limiter_from
from bot.stores.guard import attach_store_guard
from crisis.directory import offline_lines

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"

DEFAULT_PORTS = {"http": 80, "https": 443}

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Content-Type"
PREFLIGHT_MAX_AGE = "600"

STATIC_FILES = {
    "index.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}
# The demo page runs only our own script and talks only to our own origin.
DEMO_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _split_origin(origin: Text) -> Optional[tuple]:
    """(scheme, host, port) of a serialised origin, or None when it is not a plain http(s) origin."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def normalise_origin(origin: Any) -> Optional[Text]:
    """ "HTTPS://Example.org:443/" -> "https://example.org"; None for anything that is not an origin."""
    if not isinstance(origin, str):
        return None
    split = _split_origin(origin.strip())
    if split is None:
        return None
    scheme, host, port = split
    return f"{scheme}://{host}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{host}:{port}"


def parse_allowed_origins(values: Optional[Iterable[Any]]) -> FrozenSet[Text]:
    """The configured allow-list, normalised. "*" and malformed entries stop the server at start."""
    if values is None:
        return frozenset()
    if isinstance(values, str):
        raise ValueError("allowed_origins must be a list of origins, e.g. ['https://example.org']")
    allowed = set()
    for value in values:
        if isinstance(value, str) and "*" in value:
            raise ValueError("allowed_origins may not contain '*': list each origin that embeds the chat")
        origin = normalise_origin(value)
        if origin is None:
            raise ValueError(
                f"allowed_origins: {value!r} is not an origin like 'https://example.org' or " f"'http://localhost:8080'"
            )
        allowed.add(origin)
    return frozenset(allowed)


def is_same_origin(origin: Text, host_header: Optional[Text]) -> bool:
    """Whether the Origin names the host the request was sent to (scheme aside, for TLS proxies)."""
    split = _split_origin(origin)
    if split is None or not host_header:
        return False
    scheme, host, port = split
    host_split = _split_origin(f"{scheme}://{host_header.strip()}")
    return host_split is not None and host_split[1:] == (host, port)


def origin_may_call(origin: Optional[Text], host_header: Optional[Text], allowed: FrozenSet[Text]) -> bool:
    """Who may use the webhook: clients that send no Origin (curl, servers), the assistant's own
    pages, and the allow-listed sites. Everyone else gets 403 even for requests a browser would
    send without asking first."""
    if origin is None:
        return True
    return is_same_origin(origin, host_header) or normalise_origin(origin) in allowed


def cors_headers(
    origin: Optional[Text], host_header: Optional[Text], allowed: FrozenSet[Text], preflight: bool
) -> Dict[Text, Text]:
    """The CORS headers of an answer. Only a cross-origin caller on the allow-list is named."""
    headers = {"Vary": "Origin"}
    if origin is None or is_same_origin(origin, host_header):
        return headers
    if normalise_origin(origin) not in allowed:
        return headers
    headers["Access-Control-Allow-Origin"] = origin
    if preflight:
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return headers


def _is_preflight(request: Request) -> bool:
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


class WebChatInput(RestInput):
    """REST-like webhook plus the widget's files, on the assistant's origin."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebChatInput":
        credentials = credentials or {}
        return cls(
            allowed_origins=parse_allowed_origins(credentials.get("allowed_origins")),
            limiter=rate_limiter_from(credentials),
        )

    def __init__(
        self, allowed_origins: FrozenSet[Text] = frozenset(), limiter: Optional[SenderRateLimiter] = None
    ) -> None:
        self.allowed_origins = frozenset(allowed_origins)
        self.limiter = limiter or SenderRateLimiter()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return parse_chat_request(request.json, self.name()).metadata()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        attach_store_guard(web)

        @web.middleware("response")
        async def apply_cors(request: Request, resp: HTTPResponse) -> None:
            # Runs after Sanic-CORS (app middleware runs first), so this decision is the final one.
            for header in [h for h in resp.headers if h.lower().startswith("access-control-")]:
                del resp.headers[header]
            resp.headers.update(
                cors_headers(
                    request.headers.get("origin"),
                    request.headers.get("host"),
                    self.allowed_origins,
                    _is_preflight(request),
                )
            )

        @web.route("/", methods=["GET"])
        async def demo_page(request: Request) -> HTTPResponse:
            return await _static_file(
                "index.html",
                {
                    "Content-Security-Policy": DEMO_PAGE_POLICY,
                    "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY",
                },
            )

        @web.route("/widget.js", methods=["GET"])
        async def widget_script(request: Request) -> HTTPResponse:
            return await _static_file("widget.js")

        @web.route("/widget.css", methods=["GET"])
        async def widget_style(request: Request) -> HTTPResponse:
            return await _static_file("widget.css")

        @web.route("/webhook", methods=["OPTIONS"])
        @web.route("/offline-lines", methods=["OPTIONS"], name="offline_lines_preflight")
        async def preflight(request: Request) -> HTTPResponse:
            return response.empty()

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            return await answer_chat(request, self.name(), self.limiter, on_new_message)

        @web.route("/offline-lines", methods=["GET"])
        async def offline_lines_for_locale(request: Request) -> HTTPResponse:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            locale = normalise_locale(request.args.get("locale"))
            try:
                lines = await asyncio.get_running_loop().run_in_executor(None, offline_lines, locale)
                return no_store(response.json(lines))
            except Exception:
                logger.exception("web.offline_lines.failure")
                return no_store(response.json({"country": None, "lines": [], "error": "unavailable"}, status=503))

        return web

    def _refusal(self, request: Request) -> Optional[HTTPResponse]:
        if origin_may_call(request.headers.get("origin"), request.headers.get("host"), self.allowed_origins):
            return None
        return no_store(
            response.json({"error": "origin_not_allowed", "detail": "This site may not use the chat."}, status=403)
        )


async def _static_file(name: Text, extra_headers: Optional[Dict[Text, Text]] = None) -> HTTPResponse:
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    headers.update(extra_headers or {})
    return await response.file(STATIC_DIR / name, mime_type=STATIC_FILES[name], headers=headers)
