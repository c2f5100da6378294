"""Rasa's SQL tracker store, with personal data redacted before anything is written, and forgetting.

Configured in endpoints.yml (`type: bot.stores.redacting_store.RedactingSQLTrackerStore`, same `url`).

Redaction: each new event is stored as Rasa would store it, with the person's words redacted
(bot/stores/event_redaction.py, bot/stores/redaction.py). One row per event, in order, always: Rasa
knows which events are new by counting the rows of the current session, so an event is rewritten,
never dropped or merged. The running turn still sees what was typed (the NLU and the actions need it);
what is read back in a later turn is the redacted copy.

Forgetting: when a turn ran FORGET_ACTION (the confirmation that everything was deleted, see
data/rules/privacy.yml), every row of that sender is deleted and none of the turn is written, in one
transaction, so the next message starts an empty conversation. Deleting here, and not in an action,
is what makes it stick: the server saves the whole turn after the actions ran, and a row count of
zero would make it write the entire conversation back.
"""

import json
import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.stores.event_redaction import redact_event
from bot.stores.forget import delete_sender_rows
from bot.stores.redaction import redact_text

logger = logging.getLogger(__name__)

FORGET_ACTION = "utter_forget_me_done"


def runs_forget(events: list) -> bool:
    return any(isinstance(e, ActionExecuted) and e.action_name == FORGET_ACTION for e in events)


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.event_broker is not None:
            # A broker would be handed the events as typed, before redaction: refuse rather than leak.
            raise ValueError("RedactingSQLTrackerStore does not stream to an event broker; remove `event_broker`.")
        # Load the recognizers now, not on the first person's message.
        redact_text("warm up 0")

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            if runs_forget(new_events):
                deleted = delete_sender_rows(session.connection(), tracker.sender_id)
                session.commit()
                logger.info("store.forget rows=%d", deleted)
                return
            for event in new_events:
                data = redact_event(event.as_dict(), redact_text)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
