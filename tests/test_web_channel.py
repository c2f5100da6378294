"""The web channel's decisions as plain functions (origins, CORS, request checks), then the same
decisions through Rasa's own Sanic app, whose CORS layer (Sanic-CORS) the channel must override."""
import json
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.web_channel import (
    MAX_MESSAGE_CHARS,
    ChatRequestError,
    WebChatInput,
    cors_headers,
    is_same_origin,
    normalise_locale,
    normalise_origin,
    origin_may_call,
    parse_allowed_origins,
    parse_chat_request,
)

SENDER = "3f2b8c1e-2f4a-4d3b-9b7e-0c5d6e7f8a9b"
ALLOWED = frozenset({"https://support.example.org", "http://localhost:8080"})


# ---------------------------------------------------------------- locale


@pytest.mark.parametrize("value", ["en", "en-GB", "pt-BR", "zh-Hant-TW", "es-419"])
def test_language_tags_pass(value):
    assert normalise_locale(value) == value


@pytest.mark.parametrize("value", [None, 5, "", "en_GB", "english please", "<script>", "e", "en-" + "x" * 20])
def test_anything_else_is_no_locale(value):
    assert normalise_locale(value) is None


# ---------------------------------------------------------------- webhook body


def test_a_well_formed_request():
    chat = parse_chat_request({"sender": SENDER, "message": "  he checks my phone  ", "metadata": {"locale": "en-GB"}})
    assert (chat.sender, chat.message, chat.locale) == (SENDER, "he checks my phone", "en-GB")
    assert chat.metadata() == {"channel": "web", "locale": "en-GB"}


@pytest.mark.parametrize("metadata", [None, "en-GB", ["en-GB"], {"locale": 7}, {"locale": "en GB; drop"}, {}])
def test_missing_or_odd_metadata_gives_no_locale_and_is_not_passed_on(metadata):
    body = {"sender": SENDER, "message": "hi", "metadata": metadata}
    assert parse_chat_request(body).metadata() == {"channel": "web", "locale": None}


def test_only_the_locale_is_taken_from_the_metadata():
    body = {"sender": SENDER, "message": "hi", "metadata": {"locale": "en", "is_admin": True, "channel": "x"}}
    assert parse_chat_request(body).metadata() == {"channel": "web", "locale": "en"}


@pytest.mark.parametrize(
    "body, code",
    [
        ([], "bad_request"),
        ("hello", "bad_request"),
        ({"message": "hi"}, "bad_sender"),
        ({"sender": "short", "message": "hi"}, "bad_sender"),
        ({"sender": "has spaces in it", "message": "hi"}, "bad_sender"),
        ({"sender": 12345678910, "message": "hi"}, "bad_sender"),
        ({"sender": "x" * 65, "message": "hi"}, "bad_sender"),
        ({"sender": SENDER}, "bad_message"),
        ({"sender": SENDER, "message": "   \n "}, "bad_message"),
        ({"sender": SENDER, "message": ["hi"]}, "bad_message"),
    ],
)
def test_malformed_requests_are_refused_with_400(body, code):
    with pytest.raises(ChatRequestError) as refused:
        parse_chat_request(body)
    assert (refused.value.status, refused.value.code) == (400, code)


def test_a_message_over_the_limit_is_refused_with_413_not_cut():
    parse_chat_request({"sender": SENDER, "message": "a" * MAX_MESSAGE_CHARS})
    with pytest.raises(ChatRequestError) as refused:
        parse_chat_request({"sender": SENDER, "message": "a" * 5000})
    assert refused.value.status == 413
    assert refused.value.as_json() == {
        "error": "message_too_long",
        "detail": f"Messages can be up to {MAX_MESSAGE_CHARS} characters; this one has 5000.",
        "max_chars": MAX_MESSAGE_CHARS,
    }


# ---------------------------------------------------------------- origins


@pytest.mark.parametrize(
    "value, origin",
    [
        ("https://support.example.org", "https://support.example.org"),
        ("HTTPS://Support.Example.org:443/", "https://support.example.org"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
    ],
)
def test_origins_are_normalised(value, origin):
    assert normalise_origin(value) == origin


@pytest.mark.parametrize(
    "value",
    ["*", "null", "", "support.example.org", "ftp://example.org", "https://example.org/page",
     "https://user@example.org", "https://example.org?x=1", "http://example.org:99999", None, 42],
)
def test_things_that_are_not_origins(value):
    assert normalise_origin(value) is None


def test_the_allow_list_from_configuration():
    assert parse_allowed_origins(None) == frozenset()
    assert parse_allowed_origins([]) == frozenset()
    assert parse_allowed_origins(["https://support.example.org/", "HTTP://LOCALHOST:8080"]) == ALLOWED


@pytest.mark.parametrize(
    "values",
    [["*"], ["https://*.example.org"], "https://support.example.org", ["support.example.org"], [None]],
)
def test_a_wildcard_or_malformed_allow_list_stops_the_channel(values):
    with pytest.raises(ValueError):
        parse_allowed_origins(values)


def test_channel_from_credentials():
    assert WebChatInput.from_credentials(None).allowed_origins == frozenset()
    assert WebChatInput.from_credentials({"allowed_origins": None}).allowed_origins == frozenset()
    channel = WebChatInput.from_credentials({"allowed_origins": ["https://support.example.org"]})
    assert channel.allowed_origins == {"https://support.example.org"}
    assert channel.name() == channel.url_prefix() == "web"
    with pytest.raises(ValueError):
        WebChatInput.from_credentials({"allowed_origins": ["*"]})


@pytest.mark.parametrize(
    "origin, host, same",
    [
        ("http://127.0.0.1:5005", "127.0.0.1:5005", True),
        ("https://chat.example.org", "chat.example.org", True),
        ("https://chat.example.org", "chat.example.org:443", True),
        ("http://chat.example.org", "CHAT.example.org", True),
        ("http://127.0.0.1:5005", "127.0.0.1:5006", False),
        ("http://localhost:5005", "127.0.0.1:5005", False),
        ("https://chat.example.org", "chat.example.org.evil.test", False),
        ("https://chat.example.org", "evil.test@chat.example.org", False),
        ("https://chat.example.org", None, False),
        ("null", "chat.example.org", False),
    ],
)
def test_same_origin(origin, host, same):
    assert is_same_origin(origin, host) is same


@pytest.mark.parametrize(
    "origin, may",
    [
        (None, True),  # not a browser (curl, another server): as Rasa's REST channel
        ("http://127.0.0.1:5005", True),  # the assistant's own page
        ("https://support.example.org", True),  # on the allow-list
        ("https://evil.test", False),
        ("null", False),  # sandboxed frames and files
    ],
)
def test_who_may_call_the_webhook(origin, may):
    assert origin_may_call(origin, "127.0.0.1:5005", ALLOWED) is may


def test_cors_names_an_allowed_origin_and_answers_its_preflight():
    assert cors_headers("https://support.example.org", "chat.example.org", ALLOWED, preflight=False) == {
        "Vary": "Origin",
        "Access-Control-Allow-Origin": "https://support.example.org",
    }
    assert cors_headers("https://support.example.org", "chat.example.org", ALLOWED, preflight=True) == {
        "Vary": "Origin",
        "Access-Control-Allow-Origin": "https://support.example.org",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
    }


@pytest.mark.parametrize(
    "origin", [None, "https://chat.example.org", "https://evil.test", "null", "*", "https://support.example.org.evil.test"]
)
@pytest.mark.parametrize("preflight", [False, True])
def test_cors_names_nobody_else_and_never_everyone(origin, preflight):
    headers = cors_headers(origin, "chat.example.org", ALLOWED, preflight)
    assert headers == {"Vary": "Origin"}


# ---------------------------------------------------------------- through Rasa's Sanic app

# Rasa's app with the channel and Sanic-CORS configured as `rasa run --cors "*"` would configure
# it: the most permissive setting an operator could choose for the HTTP API. The stand-in agent
# answers with the metadata it got, so the test also sees what the actions would see.
SERVER = textwrap.dedent(
    """
    import sys
    from rasa.core.run import configure_app
    from bot.web_channel import WebChatInput

    class EchoAgent:
        async def handle_message(self, message):
            await message.output_channel.send_text_message(message.sender_id, repr(message.metadata))

    port = int(sys.argv[1])
    channel = WebChatInput.from_credentials({"allowed_origins": ["https://support.example.org"]})
    app = configure_app(input_channels=[channel], cors="*", enable_api=False, port=port)
    app.ctx.agent = EchoAgent()
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def channel_server():
    port = _free_port()
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/webhooks/web"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/widget.css", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the channel's test server did not start")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _request(url, method="GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _allow_origin(headers):
    return headers.get_all("Access-Control-Allow-Origin") or []


def test_preflight_from_an_allowed_site_is_answered(channel_server):
    status, headers, _ = _request(
        channel_server + "/webhook",
        "OPTIONS",
        headers={"Origin": "https://support.example.org", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    assert status < 300
    assert _allow_origin(headers) == ["https://support.example.org"]
    assert headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert headers.get("Access-Control-Allow-Credentials") is None


def test_other_sites_get_no_cors_even_when_rasa_allows_every_origin(channel_server):
    for method, body in (("OPTIONS", None), ("POST", {"sender": SENDER, "message": "hi"})):
        status, headers, _ = _request(
            channel_server + "/webhook",
            method,
            body,
            headers={"Origin": "https://evil.test", "Access-Control-Request-Method": "POST"},
        )
        assert _allow_origin(headers) == [], method
        assert not any(h.lower().startswith("access-control-") for h in headers), method
    assert status == 403


def test_messages_reach_the_agent_with_channel_and_locale(channel_server):
    status, headers, body = _request(
        channel_server + "/webhook",
        "POST",
        {"sender": SENDER, "message": "hello", "metadata": {"locale": "en-GB", "extra": "dropped"}},
        headers={"Origin": "https://support.example.org", "Content-Type": "application/json"},
    )
    assert status == 200
    assert _allow_origin(headers) == ["https://support.example.org"]
    assert headers["Cache-Control"] == "no-store"
    assert json.loads(body) == [{"recipient_id": SENDER, "text": "{'channel': 'web', 'locale': 'en-GB'}"}]


@pytest.mark.parametrize(
    "raw, status, error",
    [
        (b"{not json", 400, "bad_json"),
        (json.dumps({"sender": SENDER, "message": "x" * 5000}).encode(), 413, "message_too_long"),
        (json.dumps({"sender": SENDER, "message": "x" * 20000}).encode(), 413, "message_too_long"),
    ],
)
def test_bad_bodies_get_clear_errors(channel_server, raw, status, error):
    request = urllib.request.Request(channel_server + "/webhook", data=raw, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == status
    assert json.loads(refused.value.read())["error"] == error


def test_the_widget_files_are_served(channel_server):
    for path, content_type in (("/", "text/html"), ("/widget.js", "text/javascript"), ("/widget.css", "text/css")):
        status, headers, body = _request(channel_server + path)
        assert status == 200 and headers["Content-Type"].startswith(content_type), path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert body
    _, headers, _ = _request(channel_server + "/")
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
