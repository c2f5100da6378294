"""The crisis referral: the lines for the person's country after the static crisis reply."""

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audit import record_escalation
from actions.conversation import country_of, send_lines, user_intents
from crisis.card import crisis_card
from crisis.categories import last_crisis_category
from crisis.directory import lines_for

logger = logging.getLogger(__name__)

THREAT_AS_CONTROL = "threat_as_control"  # the crisis_context slot's value (domain.yml)


class ActionCrisisReferral(Action):
    def name(self) -> Text:
        return "action_crisis_referral"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # A rule runs this right after a crisis intent; "suicide" lines are the broadest if not.
        category = last_crisis_category(user_intents(tracker)) or "suicide"
        country = country_of(tracker)
        lines = lines_for(country, category)
        if tracker.get_slot("crisis_context") == THREAT_AS_CONTROL:
            # A suicide threat made to stop them leaving: the writer's own safety needs its line too.
            lines += [line for line in lines_for(country, "domestic_abuse") if line not in lines]
        card = crisis_card(category, country, lines)
        # The intro's wording for someone else at risk is a variation on the crisis_subject slot.
        events = send_lines(dispatcher, tracker, card, f"utter_lines_intro_{category}")
        try:
            record_escalation(category, tracker.get_latest_input_channel(), country)
        except Exception:  # the person's reply matters more than the audit row
            logger.exception("Could not record an escalation in the audit table")
        return events + [SlotSet("crisis_active", True)]
