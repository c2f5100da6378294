"""The web channel's decisions through Rasa's own Sanic app, whose CORS layer (Sanic-CORS) the channel
must override. Starts a small server with a stand-in agent, so it runs in the end-to-end step."""

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

pytestmark = pytest.mark.e2e

SENDER = "3f2b8c1e-2f4a-4d3b-9b7e-0c5d6e7f8a9b"

# ---------------------------------------------------------------- through Rasa's Sanic app

# Rasa's app with the channel and Sanic-CORS configured as `rasa run --cors "*"` would configure
# it: the most permissive setting an operator could choose for the HTTP API. The stand-in agent
# answers with the metadata it got, so the test also sees what the actions would see.
SERVER = textwrap.dedent(
    """
    import sys
    from rasa.core.run import configure_app
    from bot.channels.web import WebChatInput
    from bot.stores.redacting_store import RedactingSQLTrackerStore

    class EchoAgent:
        # The channel stops a server whose agent uses any other store (bot/stores/guard.py).
        tracker_store = RedactingSQLTrackerStore(host="sqlite://")

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
    root = Path(__file__).resolve().parents[2]
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
        headers={
            "Origin": "https://support.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
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
