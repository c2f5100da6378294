"""One change to Rasa 3.6 itself, applied by every process that loads the project's Rasa components.

Rasa checks each action server response against its response schema with `jsonschema.validate`, which
first checks the schema itself against the JSON Schema meta-schema, on every call: about 45 ms of CPU
a custom action on this machine, the largest single cost of a message in a profile of the server
under load (README, "Benchmarks"). The schema never changes, so here it is checked once and its validator
kept. What a response is checked for, and the error a bad one raises, are Rasa's own.
"""

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction


@lru_cache(maxsize=1)
def _response_validator():
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


_rasa_validate = RemoteAction._validate_action_result


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    error = best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    # Rasa's own handling of an invalid response (its message and its logging), from the same error.
    return _rasa_validate(self, result)


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result
