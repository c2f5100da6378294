"""The widget embedded with one <script> tag on another site's page (served by the stand-in): the
corner panel, and the exit address given by a data attribute."""

import pytest

pytestmark = pytest.mark.browser

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


def open_host_page(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Quick exit").wait_for()


def test_the_corner_panel_minimises_and_quick_exit_stays_in_view(open_page, standin):
    page = open_page(phone=True)
    open_host_page(page, standin.host_page())
    assert page.locator(".tbw-root.tbw-floating").count() == 1
    minimise = page.get_by_role("button", name="Minimise")
    assert minimise.get_attribute("aria-expanded") == "true"

    minimise.click()

    reopen = page.get_by_role("button", name="Open chat")
    assert reopen.get_attribute("aria-expanded") == "false"
    assert not page.get_by_label("Your message").is_visible()
    assert page.get_by_role("button", name="Quick exit").is_visible()

    reopen.click()
    assert page.get_by_label("Your message").is_visible()


def test_quick_exit_goes_to_the_address_the_site_chose(open_page, standin):
    page = open_page()
    open_host_page(page, standin.host_page(exit_url=standin.url + "/neutral.html"))
    history_length = page.evaluate("history.length")

    page.get_by_role("button", name="Quick exit").click()

    page.wait_for_url(standin.url + "/neutral.html")
    assert page.evaluate("history.length") == history_length
    page.go_back()
    assert page.url == "about:blank"


def test_an_exit_address_that_is_not_a_web_page_is_ignored(open_page, standin):
    page = open_page()
    open_host_page(page, standin.host_page(exit_url="javascript:alert(1)"))

    page.keyboard.press("Escape")

    page.wait_for_url(DEFAULT_EXIT_URL + "*")
