"""The widget in headless Chromium against the real running assistant (Rasa server with the web
channel, and the action server): a conversation, quick replies, the crisis card, quick exit,
keyboard-only use, a phone screen, accessibility checks. Screenshots go to artifacts/screenshots/."""

import json
import re
import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

EXIT_URL = "https://www.bbc.co.uk/weather"
PHONE_WIDTH = 360
# The assistant's answers take a while on a busy two-core machine (NLU, then the action server).
REPLY_TIMEOUT_MS = 90_000
CRISIS_MESSAGE = "i want to kill myself tonight"


def chat_url(assistant) -> str:
    return assistant.url + "/webhooks/web/"


def open_chat(page, assistant):
    page.goto(chat_url(assistant))
    page.get_by_role("button", name="Quick exit").wait_for()
    return page


def send(page, text: str) -> None:
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")


def wait_for_bot_messages(page, count: int) -> None:
    # Locators, not wait_for_function: the page's Content-Security-Policy forbids evaluating strings.
    page.locator(".tbw-msg-bot").nth(count - 1).wait_for(timeout=REPLY_TIMEOUT_MS)
    page.locator(".tbw-typing .tbw-dots").wait_for(state="detached", timeout=REPLY_TIMEOUT_MS)


def wait_for_crisis_card(page):
    card = page.locator(".tbw-crisis").last
    card.wait_for(timeout=REPLY_TIMEOUT_MS)
    page.locator(".tbw-typing .tbw-dots").wait_for(state="detached", timeout=REPLY_TIMEOUT_MS)
    return card


def assert_no_error_line(page) -> None:
    errors = page.locator(".tbw-msg-error")
    assert errors.count() == 0, errors.first.inner_text()


def assert_left_for_the_exit_page(page, history_length: int) -> None:
    page.wait_for_url(EXIT_URL + "*")
    assert page.title() == "Weather"
    assert page.evaluate("history.length") == history_length, "the chat's history entry was replaced"
    page.go_back()
    assert page.url == "about:blank", "Back skips the chat page"


def assert_nothing_stored(page, assistant) -> None:
    # A file of the assistant's origin that runs no script, to look at that origin's storage.
    page.goto(assistant.url + "/webhooks/web/widget.css")
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert page.context.cookies() == []


def test_send_a_message_see_the_reply_and_press_a_quick_reply(open_page, assistant, screenshots):
    page = open_chat(open_page(), assistant)
    assert "Esc" in page.locator(".tbw-note").inner_text()
    assert "history" in page.locator(".tbw-note").inner_text()

    send(page, "hi")
    wait_for_bot_messages(page, 1)
    assert page.locator(".tbw-msg-user").first.inner_text().endswith("hi")
    first_reply = page.locator(".tbw-msg-bot").first.inner_text()
    assert first_reply.startswith("Assistant:") and len(first_reply) > len("Assistant: ") + 10

    quick_reply = page.get_by_role("group", name="Suggested replies").get_by_role(
        "button", name="What is a trauma bond?"
    )
    replies_before = page.locator(".tbw-msg-bot").count()
    quick_reply.click()
    wait_for_bot_messages(page, replies_before + 1)
    assert page.locator(".tbw-msg-user").last.inner_text().endswith("What is a trauma bond?")
    assert "trauma bond" in page.locator(".tbw-msg-bot").nth(replies_before).inner_text().lower()
    assert_no_error_line(page)
    page.screenshot(path=str(screenshots / "chat.png"))


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_crisis_message_shows_the_card_with_call_links(open_page, assistant, screenshots, phone):
    page = open_chat(open_page(phone=phone), assistant)

    send(page, CRISIS_MESSAGE)
    card = wait_for_crisis_card(page)

    calls = card.locator("a[href^='tel:']")
    assert calls.count() >= 1
    for index in range(calls.count()):
        link = calls.nth(index)
        label, href = link.inner_text(), link.get_attribute("href")
        assert label.startswith("Call "), label
        assert re.sub(r"[^\d+]", "", label) == href[len("tel:") :], "the number written out is the one dialled"
    for index in range(card.locator("a[href^='sms:']").count()):
        assert card.locator("a[href^='sms:']").nth(index).inner_text().startswith("Text ")
    assert card.locator(".tbw-line-name").count() == card.locator(".tbw-line").count()
    # The card is shown once: its plain-text copy (for channels without cards) is not shown beside it.
    assert page.locator(".tbw-msg-crisis").count() == 1
    texts = page.locator(".tbw-msg-bot:not(.tbw-msg-crisis)").all_inner_texts()
    assert texts and not any("\u2022" in t for t in texts), texts
    assert_no_error_line(page)

    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    suffix = "-phone" if phone else ""
    page.screenshot(path=str(screenshots / f"crisis-card{suffix}.png"))
    # For the artifact only: the chat grows to its content so the whole card is in one picture.
    page.locator(".tbw-root").evaluate("root => { root.style.height = 'auto'; }")
    page.locator(".tbw-log").evaluate("log => { log.style.overflow = 'visible'; }")
    card.screenshot(path=str(screenshots / f"crisis-card-whole{suffix}.png"))


def test_quick_exit_replaces_the_page_and_leaves_nothing_behind(open_page, assistant):
    page = open_page()
    open_chat(page, assistant)
    send(page, "hi")
    wait_for_bot_messages(page, 1)
    history_length = page.evaluate("history.length")

    page.get_by_role("button", name="Quick exit").click()

    assert_left_for_the_exit_page(page, history_length)
    assert_nothing_stored(page, assistant)


def test_the_escape_key_is_a_quick_exit_too(open_page, assistant):
    page = open_page(phone=True)
    open_chat(page, assistant)
    page.get_by_label("Your message").fill("half a message I don't want seen")
    history_length = page.evaluate("history.length")

    page.keyboard.press("Escape")

    assert_left_for_the_exit_page(page, history_length)
    assert_nothing_stored(page, assistant)


# WCAG contrast of computed colours; the background is the nearest opaque one behind the element.
COLOUR_FUNCTIONS = """
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
"""

FOCUS_RING = (
    "() => {"
    + COLOUR_FUNCTIONS
    + """
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // A ring drawn outside the element sits on its parent's background; an inset one on its own.
  const behind = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
  return {
    tag: el.tagName, cls: el.className, href: el.getAttribute('href'),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
    contrast: ratio(rgb(style.outlineColor).slice(0, 3), background(behind)),
  };
}"""
)


def tab_until(page, predicate, key: str = "Tab", limit: int = 40):
    """Presses Tab (or Shift+Tab) until the focused element matches; every stop must show a ring."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUS_RING)
        assert focused["outline"] != "none" and focused["width"] >= 2, f"no visible focus on {focused}"
        assert focused["contrast"] >= 3, f"focus ring under 3:1 on {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("the control was not reached with the keyboard")


def test_a_whole_conversation_with_the_keyboard_only(open_page, assistant, screenshots):
    page = open_chat(open_page(), assistant)

    tab_until(page, lambda f: f["tag"] == "BUTTON" and "tbw-exit" in f["cls"])
    tab_until(page, lambda f: f["tag"] == "TEXTAREA")
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 1)

    tab_until(page, lambda f: "tbw-quick-reply" in f["cls"], key="Shift+Tab")
    chosen = page.evaluate("document.activeElement.textContent")
    replies_before = page.locator(".tbw-msg-bot").count()
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, replies_before + 1)
    assert page.locator(".tbw-msg-user").last.inner_text().endswith(chosen)
    assert page.evaluate("document.activeElement.id") == "tbw-input", "focus comes back to the message box"

    page.keyboard.type(CRISIS_MESSAGE)
    page.keyboard.press("Enter")
    wait_for_crisis_card(page)
    call = tab_until(page, lambda f: (f["href"] or "").startswith("tel:"), key="Shift+Tab")
    assert call["href"].startswith("tel:")
    page.screenshot(path=str(screenshots / "keyboard-focus-on-call-link.png"))

    history_length = page.evaluate("history.length")
    page.keyboard.press("Escape")
    assert_left_for_the_exit_page(page, history_length)


def test_controls_have_names_and_messages_are_announced(open_page, assistant):
    page = open_chat(open_page(), assistant)
    log = page.get_by_role("log", name="Conversation")
    assert log.get_attribute("aria-live") == "polite"
    send(page, "hi")
    wait_for_bot_messages(page, 1)

    assert page.locator(".tbw-log .tbw-msg-bot").count() >= 1, "replies are added inside the live region"
    tree = page.locator(".tbw-root").aria_snapshot()
    unnamed = re.findall(r"^\s*- (?:button|link|textbox|log|group)\b(?! \")(.*)$", tree, flags=re.M)
    assert unnamed == [], tree
    assert page.get_by_role("textbox", name="Your message").count() == 1
    assert page.get_by_role("button", name="Send").count() == 1


TEXT_CONTRAST = (
    "(selectors) => {"
    + COLOUR_FUNCTIONS
    + """
  const found = {};
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (el) found[selector] = ratio(rgb(getComputedStyle(el).color).slice(0, 3), background(el));
  }
  return found;
}"""
)

TEXT_SELECTORS = [
    ".tbw-title",
    ".tbw-exit",
    ".tbw-note",
    ".tbw-msg-bot .tbw-text",
    ".tbw-msg-user span:not(.tbw-sr)",
    ".tbw-quick-reply",
    ".tbw-label",
    ".tbw-input",
    ".tbw-send",
    ".tbw-hint",
    ".tbw-crisis-title",
    ".tbw-line-name",
    ".tbw-line-for",
    ".tbw-line-hours",
    "a.tbw-action[href^='tel:']",
    "a.tbw-action-web",
]


def test_text_colours_meet_wcag_aa(open_page, assistant):
    page = open_chat(open_page(), assistant)
    send(page, "hi")
    wait_for_bot_messages(page, 1)
    ratios = page.evaluate(TEXT_CONTRAST, TEXT_SELECTORS)  # with the quick replies on screen
    send(page, CRISIS_MESSAGE)
    wait_for_crisis_card(page)
    ratios.update(page.evaluate(TEXT_CONTRAST, TEXT_SELECTORS))
    print(json.dumps({selector: round(value, 2) for selector, value in ratios.items()}, indent=1))

    assert sorted(ratios) == sorted(TEXT_SELECTORS), "every kind of text was measured"
    low = {selector: round(value, 2) for selector, value in ratios.items() if value < 4.5}
    assert low == {}, f"text under 4.5:1: {low}"


def test_phone_screen_keeps_everything_in_reach(open_page, assistant, screenshots):
    page = open_chat(open_page(phone=True), assistant)
    send(page, "hi")
    wait_for_bot_messages(page, 1)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    for name in ("Quick exit", "Send"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, name
        assert box["height"] >= 44, f"{name} is big enough to tap"
    for index in range(page.locator(".tbw-quick-reply").count()):
        assert page.locator(".tbw-quick-reply").nth(index).bounding_box()["height"] >= 44
    page.screenshot(path=str(screenshots / "chat-phone.png"))


def test_a_page_on_another_origin_not_on_the_allow_list_cannot_use_it(open_page, assistant, standin):
    """The stand-in plays a site that embeds the widget without being allow-listed: the script loads,
    the browser blocks the calls, and the widget says so with the built-in crisis sentence."""
    page = open_page()
    page.goto(standin.host_page(exit_url=standin.url + "/neutral.html", assistant=assistant.url))
    page.get_by_role("button", name="Quick exit").wait_for()

    send(page, "hello")

    error = page.locator(".tbw-msg-error")
    error.wait_for(timeout=REPLY_TIMEOUT_MS)
    assert "could not reach the assistant" in error.inner_text()
    assert "call your local emergency number" in error.inner_text()

    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(standin.url + "/neutral.html")


def test_the_server_refuses_a_5000_character_message_with_413(assistant):
    body = json.dumps({"sender": "e2e-long-message-0001", "message": "x" * 5000}).encode()
    request = urllib.request.Request(assistant.url + "/webhooks/web/webhook", data=body, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413


def test_offline_lines_come_from_the_directory(assistant):
    with urllib.request.urlopen(assistant.url + "/webhooks/web/offline-lines?locale=en-GB", timeout=30) as response:
        data = json.loads(response.read())
    assert data["country"] == "GB"
    assert data["lines"] and all(line.get("name") for line in data["lines"])
    assert any(line.get("phone") for line in data["lines"])
