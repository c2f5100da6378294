"""Rasa's SQL tracker store, with personal data redacted before anything is written, forgetting, and
conversations that go on while the database is down.

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

The database down: no database error leaves `retrieve` or `save`, the two calls of a turn. A turn
that cannot read or write its conversation goes on in memory and is marked for the channel, which
tells the person and adds crisis lines (bot/stores/outage.py says what memory keeps and for how
long). A turn whose conversation was not read from the database is never written to it, even if the
database is back by the end of the turn: its tracker is not the stored conversation, and Rasa's row
count would write a wrong slice of it.
"""

import json
import logging
from typing import Any, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot.stores.event_redaction import redact_event
from bot.stores.forget import delete_sender_rows
from bot.stores.outage import Outage, TurnTrouble
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
        # Rasa's engine again, with two changes. Pre-ping: after a database restart the pooled
        # connections are dead, and without it the first turn after the restart would fail too.
        # Hidden parameters: an error then never carries the (redacted) event text, so its message
        # can be logged.
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True, **create_engine_kwargs(url))
        self.Base.metadata.create_all(self.engine)  # again: an in-memory SQLite database lives with its engine
        self.sessionmaker = sessionmaker(bind=self.engine)
        self.outage = Outage()
        # Load the recognizers now, not on the first person's message.
        redact_text("warm up 0")

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            tracker = await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            self.outage.failed("read", error)
            self.outage.mark(sender_id, TurnTrouble.NOT_STORED)
            kept = self.outage.kept_events(sender_id)
            return DialogueStateTracker.from_dict(sender_id, kept, self.domain.slots) if kept else None
        self.outage.answered()
        self.outage.clear(sender_id)  # a mark left by an earlier turn that no channel took
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if self.outage.trouble(tracker.sender_id) is None:
            try:
                self._write(tracker)
                return
            except SQLAlchemyError as error:
                self.outage.failed("write", error)
                self.outage.mark(tracker.sender_id, TurnTrouble.NOT_STORED)
        self._keep_in_memory(tracker)

    def _write(self, tracker: DialogueStateTracker) -> None:
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

    def _keep_in_memory(self, tracker: DialogueStateTracker) -> None:
        sender = tracker.sender_id
        # Read from memory (or started empty), the tracker's new events follow what memory holds. Read
        # from the database in a turn whose write failed, memory is empty and the whole session is kept.
        new_events: List[Event] = list(tracker.events)[len(self.outage.kept_events(sender)) :]
        if not runs_forget(new_events):
            self.outage.keep(sender, [redact_event(event.as_dict(), redact_text) for event in new_events])
            return
        self.outage.drop(sender)
        try:
            with self.session_scope() as session:
                deleted = delete_sender_rows(session.connection(), sender)
                session.commit()
        except SQLAlchemyError as error:
            self.outage.failed("forget", error)
            self.outage.mark(sender, TurnTrouble.NOT_FORGOTTEN)
            return
        logger.info("store.forget rows=%d", deleted)
        self.outage.answered()
        self.outage.clear(sender)  # everything is deleted, as the reply says
