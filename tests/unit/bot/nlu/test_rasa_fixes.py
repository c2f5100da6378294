"""bot.rasa_fixes: Rasa's check of an action server response, with its schema checked once."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.nlu  # noqa: F401  (what every process that runs the model imports)
from bot import rasa_fixes

SPEC = RemoteAction.action_response_format_spec()
VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "country", "value": "ie"}], "responses": [{"text": "hello"}]},
    {"responses": [{"text": "a", "buttons": [{"title": "b", "payload": "/c"}], "custom": {"type": "crisis"}}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"events": [{"event": "slot", "timestamp": "not a number"}]},
    {"responses": {"text": "not a list"}},
]


@pytest.fixture
def action() -> RemoteAction:
    return RemoteAction("action_anything", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_the_model_packages_import_applies_the_fix():
    assert RemoteAction._validate_action_result is rasa_fixes._validate_action_result


@pytest.mark.parametrize("response", VALID)
def test_a_valid_response_passes_as_with_rasa(action, response):
    jsonschema.validate(response, SPEC)  # Rasa's own check agrees
    assert action._validate_action_result(response) is True


@pytest.mark.parametrize("response", INVALID)
def test_an_invalid_response_raises_rasas_error(action, response):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, SPEC)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(response)
