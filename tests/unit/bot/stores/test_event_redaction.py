"""Which fields of a stored event are redacted: the person's words wherever they went, never the bot's."""

from bot.stores.event_redaction import redact_event
from bot.stores.redaction import redact_text


def shout(text: str) -> str:
    return "[x]" if "secret" in text else text


def test_user_event_text_parse_data_entities_and_metadata_are_redacted_keeping_their_shape():
    event = {
        "event": "user",
        "timestamp": 1.5,
        "text": "my secret",
        "parse_data": {
            "text": "my secret",
            "intent": {"name": "greet", "confidence": 0.9},
            "message_id": "secret-looking-id",
            "entities": [{"entity": "country", "value": "secret", "start": 3, "end": 9}],
            "risk": {"matched": ["secret"]},
        },
        "metadata": {"channel": "rest", "note": "secret"},
        "input_channel": "rest",
    }
    redacted = redact_event(event, shout)
    assert redacted["text"] == "[x]"
    assert redacted["parse_data"]["text"] == "[x]"
    assert redacted["parse_data"]["entities"] == [{"entity": "country", "value": "[x]", "start": 3, "end": 9}]
    assert redacted["parse_data"]["risk"] == {"matched": ["[x]"]}
    assert redacted["parse_data"]["intent"] == {"name": "greet", "confidence": 0.9}
    assert redacted["parse_data"]["message_id"] == "secret-looking-id"  # Rasa's id, not the person's words
    assert redacted["metadata"] == {"channel": "rest", "note": "[x]"}
    assert redacted["timestamp"] == 1.5 and set(redacted) == set(event)
    assert event["text"] == "my secret"  # a copy: the running turn keeps what was typed


def test_slot_values_and_added_entities_are_redacted():
    assert redact_event({"event": "slot", "name": "answer", "value": "secret"}, shout)["value"] == "[x]"
    assert redact_event({"event": "slot", "name": "n", "value": ["secret", 3]}, shout)["value"] == ["[x]", 3]
    added = redact_event({"event": "entities", "entities": [{"value": "secret"}]}, shout)
    assert added["entities"] == [{"value": "[x]"}]


def test_the_bots_own_messages_and_action_names_stay():
    bot = {"event": "bot", "text": "secret line 0808 2000 247", "data": {"custom": {"lines": []}}}
    assert redact_event(bot, shout) == bot
    action = {"event": "action", "name": "secret_action", "metadata": {"m": "secret"}}
    assert redact_event(action, shout) == {"event": "action", "name": "secret_action", "metadata": {"m": "[x]"}}


def test_rasas_model_and_assistant_ids_in_any_events_metadata_stay_as_they_are():
    """A model id is hex: one with a run of seven digits was once stored as "...cecb[phone]"."""
    metadata = {"model_id": "05cdf1b72e8b4c5fa07b3cecb8586786", "assistant_id": "trauma-bond-support"}
    for event in (
        {"event": "action", "name": "action_listen", "metadata": dict(metadata)},
        {"event": "user", "text": "hi", "metadata": dict(metadata, channel="rest")},
        {"event": "session_started", "metadata": dict(metadata)},
    ):
        assert {k: redact_event(event, redact_text)["metadata"][k] for k in metadata} == metadata
