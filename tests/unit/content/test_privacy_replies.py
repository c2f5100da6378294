"""The privacy replies say what the code does: what is redacted as what, for how long, how to delete."""

import yaml

from bot.stores.redacting_store import FORGET_ACTION
from bot.stores.retention import DEFAULT_RETENTION_DAYS
from tests.helpers import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "rules" / "privacy.yml").read_text(encoding="utf-8"))["rules"]


def reply(name: str) -> dict:
    return DOMAIN["responses"][name][0]


def test_the_privacy_reply_names_every_kind_of_detail_redacted_and_the_retention_period():
    said = reply("utter_privacy")["text"].lower()
    for kind in ("names", "phone numbers", "e-mail", "street addresses", "postcodes", "card", "account", "links"):
        assert kind in said, kind
    assert "[phone]" in said
    assert f"{DEFAULT_RETENTION_DAYS} days" in said
    assert "can miss" in said  # the detection is automatic, and says so


def test_the_delete_button_sends_forget_me_and_forget_me_runs_the_action_the_store_acts_on():
    buttons = reply("utter_privacy_tips")["buttons"]
    assert {"title": "Delete what I wrote", "payload": "/forget_me"} in buttons
    assert {"rule": "forget me", "steps": [{"intent": "forget_me"}, {"action": FORGET_ACTION}]} in RULES
    assert FORGET_ACTION in DOMAIN["responses"] and len(DOMAIN["responses"][FORGET_ACTION]) == 1
