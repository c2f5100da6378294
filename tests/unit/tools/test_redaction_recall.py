"""Scoring the redaction against labels: found, extra and false alarms, without Presidio."""

from tools.redaction_recall import format_report, placeholders, score


def fake_redact(text: str) -> str:
    # Finds phones only, and wrongly turns every "2019" into a phone too.
    return text.replace("07700 900123", "[phone]").replace("2019", "[phone]")


PAIRS = [
    ("call 07700 900123 or mail a@example.com", "call [phone] or mail [email]"),
    ("since 2019", "since 2019"),
    ("see you at 9", "see you at 9"),
]


def test_placeholders_are_counted_by_kind():
    assert placeholders("[phone] and [phone], [name]") == {"phone": 2, "name": 1}


def test_found_missed_extra_and_false_alarms_are_counted():
    report = score(PAIRS, fake_redact)
    assert report.expected == {"phone": 1, "email": 1}
    assert report.found == {"phone": 1}
    assert report.extra == {"phone": 1}
    assert report.recall == 0.5
    assert (report.messages, report.exact, report.untouched, report.untouched_changed) == (3, 1, 2, 1)


def test_the_sealed_report_shows_no_message():
    text = format_report("set", score(PAIRS, fake_redact), with_messages=False)
    assert "recall 0.50" in text and "07700" not in text and "example.com" not in text and "2019" not in text
    assert "07700" in format_report("set", score(PAIRS, fake_redact), with_messages=True)
