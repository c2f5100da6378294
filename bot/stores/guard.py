"""The server runs with the redacting store or not at all.

Rasa loads a tracker store named in endpoints.yml by import path, and when that import fails it warns
and carries on with the in-memory store: conversations would then be kept unredacted in memory, lost
on restart, and "forget me" would delete nothing. The channels attach `refuse_other_stores` to the
server's start (bot/channels/), so a store that fails to import, or any store other than the
redacting one, stops the server with an error that says what to fix.
"""

import logging
import os
import sys
from typing import Any

from rasa.shared.exceptions import RasaException
from sanic import Blueprint

logger = logging.getLogger(__name__)

# The exit status of a server stopped for this (EX_CONFIG in sysexits.h).
EXIT_MISCONFIGURED = 78
# By name, so that a channel can import this guard even when the store's own imports are broken.
CONFIGURED_STORE = "bot.stores.redacting_store.RedactingSQLTrackerStore"


class TrackerStoreNotConfigured(RasaException):
    """The tracker store in use is not the redacting one configured in endpoints.yml."""


def store_in_use(store: Any) -> Any:
    """The store Rasa really uses, inside the fail-safe and awaitable wrappers it adds."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


def require_redacting_store(store: Any) -> None:
    used = store_in_use(store)
    if f"{type(used).__module__}.{type(used).__qualname__}" != CONFIGURED_STORE:
        raise TrackerStoreNotConfigured(
            f"The tracker store in use is {type(used).__name__}, not {CONFIGURED_STORE}: conversations "
            f"would be kept unredacted and could not be forgotten. Check `tracker_store` in endpoints.yml "
            f"(type: {CONFIGURED_STORE}, url: ${{DATABASE_URL}}), that the server is started with "
            f"--endpoints endpoints.yml, and that its imports work (Rasa's warning above names the type it "
            f"could not load). The server stops here."
        )


async def refuse_other_stores(app: Any, _loop: Any) -> None:
    # Rasa loads the agent (and its tracker store) in a before_server_start listener.
    try:
        require_redacting_store(app.ctx.agent.tracker_store)
    except TrackerStoreNotConfigured as error:
        logger.error(str(error))
        print(f"TrackerStoreNotConfigured: {error}", file=sys.stderr, flush=True)
        # Raising from a listener left the process up and listening in a test run (its socket and
        # worker threads outlive the exception), so end it here: a server without its store must not
        # answer anyone.
        os._exit(EXIT_MISCONFIGURED)


def attach_store_guard(blueprint: Blueprint) -> None:
    blueprint.listener("after_server_start")(refuse_other_stores)
