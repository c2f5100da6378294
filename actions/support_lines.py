"""Support lines on request, without the alarm of a crisis: general, or for domestic abuse."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import country_of, send_lines
from crisis.card import lines_card
from crisis.directory import lines_for

# A disclosure gets its lines from action_domestic_abuse_lines once it is safe to talk (situation.yml).
DOMESTIC_ABUSE_INTENTS = ("feel_unsafe",)
# The danger check's first question: answered (or skipped) once the check has been taken this session.
DANGER_CHECK_FIRST_SLOT = "danger_weapon"


def need_for(intent: str) -> str:
    return "domestic_abuse" if intent in DOMESTIC_ABUSE_INTENTS else "support"


def give_lines(dispatcher: CollectingDispatcher, tracker: Tracker, need: str) -> List[Dict[Text, Any]]:
    country = country_of(tracker)
    card = lines_card(need, country, lines_for(country, need))
    events = send_lines(dispatcher, tracker, card, f"utter_lines_intro_{need}")
    if need == "domestic_abuse":
        # After the danger check, offering the check again would ask the same questions twice.
        checked = tracker.get_slot(DANGER_CHECK_FIRST_SLOT) is not None
        dispatcher.utter_message(response="utter_offer_safety_plan_only" if checked else "utter_offer_safety_plan")
    return events


class ActionSupportLines(Action):
    def name(self) -> Text:
        return "action_support_lines"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return give_lines(dispatcher, tracker, need_for((tracker.latest_message.get("intent") or {}).get("name")))


class ActionDomesticAbuseLines(Action):
    """The domestic-abuse lines where the last message was only an answer ("yes, safe to talk", the
    danger check's last question), so the intent cannot say which lines are needed."""

    def name(self) -> Text:
        return "action_domestic_abuse_lines"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return give_lines(dispatcher, tracker, "domestic_abuse")
