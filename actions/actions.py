"""Rasa actions: thin wrappers that read the tracker and call the plain functions of this package."""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audit import record_escalation
from actions.countries import country_code, country_name, resolve_country
from actions.crisis_messages import (ASK_COUNTRY, crisis_card, crisis_intro,
                                     last_crisis_category, lines_as_text, lines_card, support_intro)
from actions.directory import lines_for

logger = logging.getLogger(__name__)

SAFETY_PLAN_BUTTON = {"title": "Make a safety plan", "payload": "/ask_safety_plan"}


def _country(tracker: Tracker) -> Optional[str]:
    said = [tracker.get_slot("country"), *tracker.get_latest_entity_values("country")]
    return resolve_country(said, (tracker.latest_message.get("metadata") or {}).get("locale"))


def _user_intents(tracker: Tracker) -> List[Optional[str]]:
    return [e.get("parse_data", {}).get("intent", {}).get("name") for e in tracker.events
            if e.get("event") == "user"]


def _send_card(dispatcher: CollectingDispatcher, card: dict) -> None:
    dispatcher.utter_message(json_message=card)
    dispatcher.utter_message(text=lines_as_text(card["lines"]))


def _send_lines(dispatcher, tracker, card: dict, intro: str) -> List[Dict[Text, Any]]:
    """Intro, card and text lines; asks for the country once when it is unknown."""
    dispatcher.utter_message(text=intro)
    _send_card(dispatcher, card)
    events = [SlotSet("country", card["country"])] if card["country"] else []
    if not card["country"] and not tracker.get_slot("country_asked"):
        dispatcher.utter_message(text=ASK_COUNTRY)
        events.append(SlotSet("country_asked", True))
    return events


class ActionCrisisReferral(Action):
    def name(self) -> Text:
        return "action_crisis_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # A rule runs this right after a crisis intent; "suicide" lines are the broadest if not.
        category = last_crisis_category(_user_intents(tracker)) or "suicide"
        country = _country(tracker)
        subject = tracker.get_slot("crisis_subject") or "self"
        card = crisis_card(category, country, lines_for(country, category))
        events = _send_lines(dispatcher, tracker, card, crisis_intro(category, subject))
        try:
            record_escalation(category, tracker.get_latest_input_channel(), country)
        except Exception:  # the person's reply matters more than the audit row
            logger.exception("Could not record an escalation in the audit table")
        return events + [SlotSet("crisis_active", True)]


class ActionSupportLines(Action):
    def name(self) -> Text:
        return "action_support_lines"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        need = "domestic_abuse" if intent in ("feel_unsafe", "disclose_abuse") else "support"
        country = _country(tracker)
        events = _send_lines(dispatcher, tracker, lines_card(need, country, lines_for(country, need)),
                             support_intro(need))
        if need == "domestic_abuse":
            dispatcher.utter_message(
                text="When you feel ready, we could also put together a safety plan, one small step at a time.",
                buttons=[SAFETY_PLAN_BUTTON])
        return events


class ActionSetCountry(Action):
    def name(self) -> Text:
        return "action_set_country"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        said = [*tracker.get_latest_entity_values("country"), tracker.latest_message.get("text")]
        code = next((c for c in map(country_code, said) if c), None)
        if not code:
            dispatcher.utter_message(
                text="I didn't recognise that country, sorry. Could you write its name in full? "
                     "Meanwhile, your local emergency number is always the fastest help in danger.")
            return []
        dispatcher.utter_message(text=f"Thank you. I'll give you numbers for {country_name(code)}.")
        # Lines given earlier without a country were the international ones: give the local ones now.
        if tracker.get_slot("crisis_active"):
            category = last_crisis_category(_user_intents(tracker)) or "suicide"
            _send_card(dispatcher, crisis_card(category, code, lines_for(code, category)))
        elif tracker.get_slot("country_asked"):
            _send_card(dispatcher, lines_card("support", code, lines_for(code, "support")))
        return [SlotSet("country", code)]
