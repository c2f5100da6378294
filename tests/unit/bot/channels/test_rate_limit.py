"""The per-sender limit, on a clock the test controls, and its reply's words from domain.yml."""

import pytest

from bot.channels.rate_limit import SenderRateLimiter
from bot.channels.webhook import RATE_LIMITED_RESPONSE, domain_text, rate_limiter_from


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sender_over_the_limit_is_held_until_the_window_moves_on():
    clock = Clock()
    limiter = SenderRateLimiter(messages=3, per_seconds=60, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # others are not held
    assert limiter.retry_after("a") == 60
    clock.now += 30
    assert not limiter.allow("a") and limiter.retry_after("a") == 30
    clock.now += 30.5
    assert limiter.allow("a")


def test_idle_senders_are_forgotten():
    clock = Clock()
    limiter = SenderRateLimiter(messages=2, per_seconds=10, clock=clock)
    for sender in ("a", "b", "c"):
        limiter.allow(sender)
    clock.now += 11
    limiter.allow("d")
    assert set(limiter._recent) == {"d"}


def test_configuration_from_credentials():
    limiter = rate_limiter_from({"rate_limit": {"messages": 5, "per_seconds": 30}})
    assert (limiter.messages, limiter.per_seconds) == (5, 30)
    assert rate_limiter_from({}).messages == 20
    with pytest.raises(ValueError):
        rate_limiter_from({"rate_limit": {"messages": 0}})


def test_the_gentle_reply_is_the_domain_response_and_names_emergency_numbers():
    text = domain_text(RATE_LIMITED_RESPONSE)
    assert "wait a minute" in text and "911" in text
