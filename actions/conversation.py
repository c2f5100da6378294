"""What the actions read from a conversation: the person's country, their intents, and how to send lines."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from crisis.card import lines_as_text
from crisis.countries import resolve_country
from crisis.directory import emergency_number


def country_of(tracker: Tracker) -> Optional[str]:
    said = [tracker.get_slot("country"), *tracker.get_latest_entity_values("country")]
    return resolve_country(said, (tracker.latest_message.get("metadata") or {}).get("locale"))


def country_slots(code: Optional[str]) -> List[Dict[Text, Any]]:
    """The country and the emergency number the static crisis replies name (domain.yml reads it from
    the `emergency_number` slot, so "I'm not safe" gets the local number without the action server)."""
    return [SlotSet("country", code), SlotSet("emergency_number", emergency_number(code))]


def user_intents(tracker: Tracker) -> List[Optional[str]]:
    return [e.get("parse_data", {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"]


def send_card(dispatcher: CollectingDispatcher, card: dict) -> None:
    """The card for channels that render it, and the same lines as text for those that cannot."""
    dispatcher.utter_message(json_message=card)
    dispatcher.utter_message(text=lines_as_text(card["lines"]))


def send_lines(dispatcher: CollectingDispatcher, tracker: Tracker, card: dict, intro: str) -> List[Dict[Text, Any]]:
    """The intro response, the card and its text; asks for the country once when it is unknown."""
    dispatcher.utter_message(response=intro)
    send_card(dispatcher, card)
    events = country_slots(card["country"]) if card["country"] else []
    if not card["country"] and not tracker.get_slot("country_asked"):
        dispatcher.utter_message(response="utter_ask_country")
        events.append(SlotSet("country_asked", True))
    return events
