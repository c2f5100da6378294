"""The web channel's decisions as plain functions: origins, CORS and request checks (tests/e2e has the
same decisions through Rasa's own Sanic app)."""

import pytest

from bot.channels.common import MAX_MESSAGE_CHARS, ChatRequestError, normalise_locale, parse_chat_request
from bot.channels.web import (
    WebChatInput,
    cors_headers,
    is_same_origin,
    normalise_origin,
    origin_may_call,
    parse_allowed_origins,
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
    chat = parse_chat_request(
        {"sender": SENDER, "message": "  he checks my phone  ", "metadata": {"locale": "en-GB"}}, "web"
    )
    assert (chat.sender, chat.message, chat.locale) == (SENDER, "he checks my phone", "en-GB")
    assert chat.metadata() == {"channel": "web", "locale": "en-GB"}


@pytest.mark.parametrize("metadata", [None, "en-GB", ["en-GB"], {"locale": 7}, {"locale": "en GB; drop"}, {}])
def test_missing_or_odd_metadata_gives_no_locale_and_is_not_passed_on(metadata):
    body = {"sender": SENDER, "message": "hi", "metadata": metadata}
    assert parse_chat_request(body, "web").metadata() == {"channel": "web", "locale": None}


def test_only_the_locale_is_taken_from_the_metadata():
    body = {"sender": SENDER, "message": "hi", "metadata": {"locale": "en", "is_admin": True, "channel": "x"}}
    assert parse_chat_request(body, "web").metadata() == {"channel": "web", "locale": "en"}


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
        parse_chat_request(body, "web")
    assert (refused.value.status, refused.value.code) == (400, code)


def test_a_message_over_the_limit_is_refused_with_413_not_cut():
    parse_chat_request({"sender": SENDER, "message": "a" * MAX_MESSAGE_CHARS}, "web")
    with pytest.raises(ChatRequestError) as refused:
        parse_chat_request({"sender": SENDER, "message": "a" * 5000}, "web")
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
    [
        "*",
        "null",
        "",
        "support.example.org",
        "ftp://example.org",
        "https://example.org/page",
        "https://user@example.org",
        "https://example.org?x=1",
        "http://example.org:99999",
        None,
        42,
    ],
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
    "origin",
    [None, "https://chat.example.org", "https://evil.test", "null", "*", "https://support.example.org.evil.test"],
)
@pytest.mark.parametrize("preflight", [False, True])
def test_cors_names_nobody_else_and_never_everyone(origin, preflight):
    headers = cors_headers(origin, "chat.example.org", ALLOWED, preflight)
    assert headers == {"Vary": "Origin"}
