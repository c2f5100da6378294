"""Which front-end a REST request comes from, as plain functions (tests/telegram has it through the
running servers, down to the audit row)."""

import pytest

from bot.channels.front_ends import MIN_SECRET_CHARS, FrontEndSecretError, front_end_of, front_end_secrets

SECRET = "f" * MIN_SECRET_CHARS
SECRETS = {"telegram": SECRET}


def test_the_right_secret_names_its_front_end():
    assert front_end_of(SECRET, SECRETS) == "telegram"


@pytest.mark.parametrize("presented", [None, "", "telegram", SECRET[:-1], SECRET + "f", SECRET.upper(), "é" * 32])
def test_anything_else_names_no_front_end(presented):
    assert front_end_of(presented, SECRETS) is None


def test_no_secret_is_trusted_when_the_server_knows_none():
    assert front_end_of(SECRET, {}) is None


def test_the_secrets_come_from_their_variables_and_unset_means_none():
    assert front_end_secrets({"TELEGRAM_FRONT_END_SECRET": f"  {SECRET}\n"}) == SECRETS
    assert front_end_secrets({}) == {} and front_end_secrets({"TELEGRAM_FRONT_END_SECRET": " "}) == {}


def test_a_short_secret_is_refused_naming_its_variable():
    with pytest.raises(FrontEndSecretError, match="TELEGRAM_FRONT_END_SECRET"):
        front_end_secrets({"TELEGRAM_FRONT_END_SECRET": "f" * (MIN_SECRET_CHARS - 1)})
