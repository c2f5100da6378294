"""The REST channel keeps the web channel's rules: length limit, sender ids, per-sender limit."""

import uuid
from collections import Counter
from typing import Optional

import pytest
import requests
from sqlalchemy import create_engine, text

from bot.channels.common import MAX_MESSAGE_CHARS
from bot.channels.front_ends import HEADER
from bot.channels.webhook import RATE_LIMITED_RESPONSE, domain_text

pytestmark = pytest.mark.e2e


def post(assistant, body: dict, headers: Optional[dict] = None) -> requests.Response:
    return requests.post(f"{assistant.url}/webhooks/rest/webhook", json=body, headers=headers, timeout=30)


def audited_channels(assistant) -> Counter:
    engine = create_engine(assistant.database_url)
    try:
        with engine.connect() as db:
            return Counter(row.channel for row in db.execute(text("SELECT channel FROM escalations")))
    finally:
        engine.dispose()


def test_a_malformed_sender_id_is_refused(assistant):
    answer = post(assistant, {"sender": "a b", "message": "hi"})
    assert answer.status_code == 400 and answer.json()["error"] == "bad_sender"


def test_a_message_over_the_limit_is_refused_not_cut(assistant):
    answer = post(assistant, {"sender": f"rest-{uuid.uuid4().hex}", "message": "a" * (MAX_MESSAGE_CHARS + 1)})
    assert answer.status_code == 413 and answer.json()["max_chars"] == MAX_MESSAGE_CHARS


def test_a_sender_writing_too_fast_gets_the_gentle_reply_and_others_are_not_held(assistant):
    flooder = f"rest-{uuid.uuid4().hex}"
    for _ in range(20):  # credentials.yml: 20 messages in 60 seconds
        assert post(assistant, {"sender": flooder, "message": "hello"}).json()[0]["text"] != domain_text(
            RATE_LIMITED_RESPONSE
        )
    held = post(assistant, {"sender": flooder, "message": "hello"})
    assert held.status_code == 200 and [m["text"] for m in held.json()] == [domain_text(RATE_LIMITED_RESPONSE)]
    assert 1 <= int(held.headers["Retry-After"]) <= 60
    assert post(assistant, {"sender": f"rest-{uuid.uuid4().hex}", "message": "hello"}).json()[0]["text"] != (
        domain_text(RATE_LIMITED_RESPONSE)
    )


def test_a_client_cannot_name_its_channel_in_the_audit(assistant):
    """Only a front-end holding the shared secret is counted as itself (tests/telegram shows that one)."""
    before = audited_channels(assistant)
    claims = {"sender": f"rest-{uuid.uuid4().hex}", "message": "/crisis_danger", "metadata": {"channel": "telegram"}}
    assert post(assistant, claims).json(), "the crisis is answered"
    assert post(assistant, claims, headers={HEADER: "a-guess-at-the-front-end-secret-0123456789"}).json()
    assert audited_channels(assistant) - before == Counter({"rest": 2})
