"""The widget in headless Chromium against a stand-in server that misbehaves: garbage replies, a
server that goes away, hostile text, messages that are far too long. The page must keep working and
always show crisis guidance when the assistant cannot answer."""

import json

import pytest

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360

BUILT_IN_GUIDANCE = "If you are in danger, call your local emergency number (for example 911, 999, 112 or 000)."
OFFLINE_LINES = {
    "country": "GB",
    "lines": [
        {
            "name": "Samaritans",
            "phone": "116 123",
            "sms": None,
            "url": "https://www.samaritans.org",
            "hours": "24 hours, every day",
            "for": "Anyone who is struggling to cope",
        },
        {
            "name": "Shout",
            "phone": None,
            "sms": "85258",
            "sms_body": "SHOUT",
            "url": None,
            "hours": "24 hours, every day",
            "for": "Support by text message",
        },
    ],
}
GOOD_REPLY = [{"recipient_id": "x", "text": "I'm here. What would you like to talk about?"}]


def send(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")


def open_chat(page, standin, offline_ready: bool = True):
    """Opens the stand-in's host page and waits until the widget has asked for its offline lines."""
    with page.expect_response(lambda r: "/offline-lines" in r.url):
        page.goto(standin.host_page())
    page.get_by_role("button", name="Quick exit").wait_for()


def assert_page_still_works(page, standin) -> None:
    standin.reply_json(GOOD_REPLY)
    bot_messages = page.locator(".tbw-msg-bot")
    before = bot_messages.count()
    send(page, "are you still there")
    bot_messages.nth(before).wait_for()
    assert "I'm here" in bot_messages.nth(before).inner_text()


@pytest.mark.parametrize(
    "status, content_type, body, expected",
    [
        (200, "text/html", "<html><body>Internal error</body></html>", "could not be read"),
        (200, "application/json", '{"not": "a list"}', "could not be read"),
        (200, "application/json", '[{"text": "cut off in the midd', "could not be read"),
        (200, "application/json", '[1, "x", null, {"text": 5}, {"buttons": "no"}]', "could not be read"),
        (200, "application/json", "[]", "did not answer"),
        (500, "text/plain", "Traceback (most recent call last): ...", "went wrong on our side"),
        (404, "application/json", '{"error": "not found"}', "went wrong on our side"),
    ],
)
def test_malformed_reply_shows_an_error_line_and_the_chat_goes_on(
    open_page, standin, status, content_type, body, expected
):
    page = open_page()
    standin.offline_json(OFFLINE_LINES)
    open_chat(page, standin)
    standin.webhook_reply = (status, content_type, body)

    send(page, "hello")

    error = page.locator(".tbw-msg-error")
    error.wait_for()
    assert expected in error.inner_text()
    assert error.locator("a[href='tel:116123']").inner_text() == "Call 116 123"
    assert page.get_by_label("Your message").input_value() == "hello", "the unsent text is given back"
    page.get_by_label("Your message").fill("")
    assert_page_still_works(page, standin)


def test_crisis_payload_with_broken_lines_still_shows_guidance(open_page, standin):
    page = open_page()
    open_chat(page, standin)
    standin.reply_json(
        [
            {"custom": {"type": "crisis", "category": "danger", "country": None, "lines": "not a list"}},
            {
                "custom": {
                    "type": "crisis",
                    "lines": [
                        None,
                        7,
                        {"phone": "999"},
                        {"name": "Helpline", "phone": "call us", "sms": "text HOME to 741741"},
                    ],
                }
            },
            {"custom": {"type": "something-else"}},
        ]
    )
    send(page, "help")

    cards = page.locator(".tbw-crisis")
    cards.nth(1).wait_for()
    assert cards.count() == 2
    assert BUILT_IN_GUIDANCE in cards.nth(0).inner_text()
    # A number that cannot be dialled is written out, not linked.
    assert "Call call us" in cards.nth(1).inner_text()
    assert cards.nth(1).locator("a[href^='tel:']").count() == 0
    # The keyword may also come inside the sms string.
    assert cards.nth(1).locator("a[href='sms:741741?&body=HOME']").inner_text() == "Text HOME to 741741"
    assert_page_still_works(page, standin)


def test_bot_text_is_shown_as_text_with_only_simple_formatting(open_page, standin):
    page = open_page()
    open_chat(page, standin)
    hostile = (
        "<img src=x onerror=\"document.title='owned'\"><script>document.title='owned'</script>\n"
        "**bold words** and *a slanted one*, 2 * 3 * 4 stays maths.\n"
        "[a safe link](https://example.org/help) [a bad link](javascript:alert(1)) "
        "see https://example.org/page."
    )
    standin.reply_json([{"text": hostile}])
    send(page, "hello")

    message = page.locator(".tbw-msg-bot").last
    message.wait_for()
    assert message.locator("img, script").count() == 0
    assert "<img src=x" in message.inner_text(), "markup is shown as the literal text it is"
    assert page.title() != "owned"
    assert message.locator("strong").inner_text() == "bold words"
    assert message.locator("em").inner_text() == "a slanted one"
    assert "2 * 3 * 4 stays maths" in message.inner_text()
    hrefs = message.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/help", "https://example.org/page"]
    assert message.locator("br").count() == 2
    for rel in message.locator("a").evaluate_all("links => links.map(a => a.rel)"):
        assert rel == "noopener noreferrer"


def test_server_down_shows_the_crisis_lines_fetched_at_start(open_page, standin, screenshots):
    page = open_page(phone=True)
    standin.offline_json(OFFLINE_LINES)
    open_chat(page, standin)
    standin.go_down()

    send(page, "is anyone there")

    error = page.locator(".tbw-msg-error")
    error.wait_for()
    text = error.inner_text()
    assert "could not reach the assistant" in text
    assert error.locator("a[href='tel:116123']").inner_text() == "Call 116 123"
    assert error.locator("a[href='sms:85258?&body=SHOUT']").inner_text() == "Text SHOUT to 85258"
    assert page.locator(".tbw-typing .tbw-dots").count() == 0, "the typing indicator stops"
    page.screenshot(path=str(screenshots / "server-down-phone.png"))


def test_server_down_without_offline_lines_shows_the_built_in_sentence(open_page, standin):
    page = open_page()
    standin.offline_reply = (500, "text/html", "<h1>oops</h1>")
    open_chat(page, standin)
    standin.go_down()

    send(page, "hello")

    error = page.locator(".tbw-msg-error")
    error.wait_for()
    assert BUILT_IN_GUIDANCE in error.inner_text()


def test_typing_indicator_shows_while_waiting(open_page, standin):
    page = open_page()
    open_chat(page, standin)
    standin.delay_seconds = 1.5
    standin.reply_json(GOOD_REPLY)

    send(page, "hello")

    status = page.get_by_role("status")
    page.locator(".tbw-typing .tbw-dots").wait_for()
    assert status.inner_text() == "The assistant is typing."
    page.locator(".tbw-msg-bot").wait_for()
    page.locator(".tbw-typing .tbw-dots").wait_for(state="detached")
    assert status.inner_text() == ""


def test_a_5000_character_message_is_held_back_with_a_clear_note(open_page, standin, screenshots):
    page = open_page(phone=True)
    open_chat(page, standin)
    long_text = ("I need to tell someone everything that happened. " * 110)[:5000]

    send(page, long_text)

    problem = page.get_by_role("alert")
    assert "too long to send (5,000 characters; the limit is 2,000)" in problem.inner_text()
    assert page.get_by_label("Your message").input_value() == long_text, "nothing typed is lost"
    assert page.get_by_label("Your message").get_attribute("aria-invalid") == "true"
    assert standin.received == [], "nothing was sent"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    page.screenshot(path=str(screenshots / "too-long-phone.png"))

    page.get_by_label("Your message").fill(long_text[:2000])
    assert page.locator("#tbw-problem").text_content() == "", "the note goes once the text fits"
    standin.reply_json(GOOD_REPLY)
    page.get_by_label("Your message").press("Enter")
    page.locator(".tbw-msg-bot").wait_for()
    assert len(standin.received[0]["message"]) == 2000


def test_a_refusal_as_too_long_from_the_server_is_explained(open_page, standin):
    page = open_page()
    open_chat(page, standin)
    standin.reply_json({"error": "message_too_long", "max_chars": 2000}, status=413)

    send(page, "a message some server found too long")

    error = page.locator(".tbw-msg-error")
    error.wait_for()
    assert "too long for the assistant" in error.inner_text()


def test_a_long_unbroken_reply_wraps_on_a_phone(open_page, standin):
    page = open_page(phone=True)
    open_chat(page, standin)
    standin.reply_json([{"text": "x" * 4000 + " https://example.org/" + "y" * 300}])
    send(page, "w" * 1500)
    page.locator(".tbw-msg-bot").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_what_the_widget_sends(open_page, standin):
    page = open_page()
    open_chat(page, standin)
    standin.reply_json([{"text": "one"}, {"text": "two", "buttons": [{"title": "Tell me more", "payload": "/more"}]}])
    send(page, "  first message  ")
    page.get_by_role("button", name="Tell me more").click()
    page.locator(".tbw-msg-user").nth(1).wait_for()
    page.wait_for_function("document.querySelectorAll('.tbw-msg-bot').length >= 4")

    first, second = standin.received
    assert first["message"] == "first message"
    assert first["metadata"] == {"locale": "en-GB"}
    assert second["message"] == "/more", "a quick reply sends its payload"
    assert first["sender"] == second["sender"]
    assert len(first["sender"]) == 36
    assert page.locator(".tbw-msg-user").nth(1).inner_text().endswith("Tell me more"), "and shows its title"
    assert json.loads(
        page.evaluate("JSON.stringify([localStorage.length, sessionStorage.length, document.cookie])")
    ) == [0, 0, ""]
