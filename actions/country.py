"""Setting the person's country, and giving the local lines when international ones went first."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import country_slots, send_card, user_intents
from crisis.card import crisis_card, lines_card
from crisis.categories import last_crisis_category
from crisis.countries import country_code, country_name
from crisis.directory import lines_for


class ActionSetCountry(Action):
    def name(self) -> Text:
        return "action_set_country"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        said = [*tracker.get_latest_entity_values("country"), tracker.latest_message.get("text")]
        code = next((c for c in map(country_code, said) if c), None)
        if not code:
            dispatcher.utter_message(response="utter_country_not_recognised")
            return []
        dispatcher.utter_message(response="utter_country_set", country_name=country_name(code))
        # Lines given earlier without a country were the international ones: give the local ones now.
        if tracker.get_slot("crisis_active"):
            category = last_crisis_category(user_intents(tracker)) or "suicide"
            send_card(dispatcher, crisis_card(category, code, lines_for(code, category)))
            dispatcher.utter_message(response="utter_crisis_ask_safe")
        elif tracker.get_slot("country_asked"):
            send_card(dispatcher, lines_card("support", code, lines_for(code, "support")))
        return country_slots(code)
