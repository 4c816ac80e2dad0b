"""Quick exit in a real browser: it never fires while someone types, nothing can hold it back, the
unsaved writing is kept, and the tab is left with nothing stored."""

import contextlib
import time

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from journal.models import Draft

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
CAPITALS = "Today I saw Alex And Bo"


@pytest.fixture
def exit_url(live_server, settings):
    """The neutral site, on the live server so the test needs no outside network."""
    settings.QUICK_EXIT_URL = live_server.url + "/healthz"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def page(browser, request):
    # The test exit address stands in for another site but lives on the live server, where Mend's
    # service worker would answer for it and slip past page.route(); it never sees a real other
    # site's pages, so tests that route the exit address keep it out.
    workers = "block" if "routes_the_exit" in request.fixturenames else "allow"
    context = browser.new_context(viewport=PHONE, service_workers=workers)
    page = context.new_page()
    page.dialogs = []

    def refuse(dialog):
        # "Stay on this page": a prompt that appears at all has already held the person back.
        page.dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", refuse)
    yield page
    context.close()


def type_like_a_person(page, text: str) -> None:
    """Types with Shift held for each capital, as a keyboard does. (keyboard.type alone sends
    capitals without any Shift key events, so it can't show the problem.)"""
    for character in text:
        if character.isupper() or character in '!?"':
            page.keyboard.press(f"Shift+{character}")
        else:
            page.keyboard.type(character)


def still_here_after_a_moment(page, url: str) -> None:
    # Longer than the Shift window, and than a navigation to the live server takes.
    page.wait_for_timeout(1500)
    assert page.url.split("?")[0] == url  # autosave may name the draft in the address
    assert page.evaluate("document.body.style.visibility") == ""


def leave_and_arrive(page, exit_url: str) -> None:
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_url(exit_url, timeout=5000)
    assert page.dialogs == [], "quick exit was held back by a prompt"
    assert page.url == exit_url


def session_key(page) -> str:
    (cookie,) = [c for c in page.context.cookies() if c["name"].endswith("sessionid")]
    return cookie["value"]


def assert_signed_out(page, live_server, key: str) -> None:
    """The beacon ended the session (it may land a moment after the tab has left), so a
    signed-in page now asks for sign-in."""
    deadline = time.monotonic() + 2
    while Session.objects.filter(session_key=key).exists():
        assert time.monotonic() < deadline, "the session outlived quick exit"
        time.sleep(0.05)
    page.goto(live_server.url + "/journal/")
    assert "/accounts/login/" in page.url


def test_typing_capitals_in_the_journal_never_leaves(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/journal/new/")
    box = page.get_by_label("What's on your mind")
    box.click()
    type_like_a_person(page, CAPITALS)
    type_like_a_person(page, ". Then I Said It Out Loud, AGAIN!")
    still_here_after_a_moment(page, live_server.url + "/journal/new/")
    expect(box).to_have_value(CAPITALS + ". Then I Said It Out Loud, AGAIN!")


def test_typing_a_password_with_capitals_never_leaves(page, live_server, exit_url):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_password").click()
    type_like_a_person(page, "A Calm And Quiet River")
    still_here_after_a_moment(page, live_server.url + "/accounts/login/")
    expect(page.locator("#id_password")).to_have_value("A Calm And Quiet River")


def test_shift_three_times_slowly_or_held_down_never_leaves(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    for _ in range(4):
        page.keyboard.press("Shift")
        page.wait_for_timeout(600)  # three presses span 1.2 s: longer than the window
    page.wait_for_timeout(1100)
    # Holding Shift down repeats the key; a repeat is not a press.
    page.evaluate(
        """() => {
            for (let i = 0; i < 5; i++) {
                document.dispatchEvent(new KeyboardEvent("keydown",
                    {key: "Shift", repeat: i > 0, bubbles: true}));
            }
        }"""
    )
    still_here_after_a_moment(page, live_server.url + "/")
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()


def test_shift_three_times_in_a_row_leaves(page, live_server, alice, exit_url):
    log_in(page, live_server.url, "alice@example.com")
    key = session_key(page)
    type_like_a_person(
        page, "Hi"
    )  # a letter before the presses doesn't count against them
    for _ in range(3):
        page.keyboard.press("Shift")
    leave_and_arrive(page, exit_url)
    assert_signed_out(page, live_server, key)


@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_quick_exit_with_unsaved_writing_asks_nothing_keeps_it_and_signs_out(
    page, live_server, alice, exit_url, how
):
    log_in(page, live_server.url, "alice@example.com")
    # Autosave is failing, so the page would ask "Leave site?" before anyone left it.
    page.route("**/journal/autosave/", lambda route: route.fulfill(status=503))
    page.goto(live_server.url + "/journal/new/")
    box = page.get_by_label("What's on your mind")
    box.click()
    type_like_a_person(page, "Words nobody else should see.")
    expect(page.locator(".autosave__state")).to_have_text(
        "Not saved — retrying", timeout=10_000
    )
    type_like_a_person(page, " And a few more")  # typed just now: not even tried yet
    assert page.evaluate("sessionStorage.length") > 0  # htmx keeps its path there
    key = session_key(page)

    if how == "button":
        page.get_by_role("link", name="Quick exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    leave_and_arrive(page, exit_url)

    # The exit carried the writing: saved first, then the session ended, in one request.
    deadline = time.monotonic() + 2
    while not Draft.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Draft.objects.get().body == "Words nobody else should see. And a few more"
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") is None
    assert_signed_out(page, live_server, key)


def test_during_an_outage_quick_exit_still_leaves_and_keeps_nothing(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/journal/")
    assert page.evaluate("sessionStorage.length") > 0
    # Mend can't be reached: the sign-out beacon (and its Clear-Site-Data answer) never lands.
    page.route("**/safety/exit/", lambda route: route.abort())
    page.get_by_role("link", name="Quick exit").click()
    leave_and_arrive(page, exit_url)
    assert page.evaluate("sessionStorage.length") == 0


@pytest.fixture
def routes_the_exit():
    """Marks a test that answers the exit address itself (see `page`)."""


def test_if_the_browser_stays_after_all_the_page_shows_again(
    routes_the_exit, page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    # An answer with nothing to show cancels the navigation: the browser stays on this page.
    page.route(exit_url, lambda route: route.fulfill(status=204))
    page.get_by_role("link", name="Quick exit").click()
    assert page.evaluate("document.body.style.visibility") == "hidden"
    expect(page.locator("body")).to_be_visible(timeout=8000)
    assert page.url == live_server.url + "/"
    assert page.dialogs == []


def test_the_error_pages_read_well_on_a_phone_and_their_quick_exit_works(
    page, live_server, alice, couple, exit_url, settings
):
    settings.ROOT_URLCONF = "tests.today.test_error_pages"
    log_in(page, live_server.url, "alice@example.com")
    for path, name in [
        ("/no-such-page/", "error-404"),
        ("/test/refuses/", "error-403"),
        ("/test/gone/", "error-410"),
        ("/test/raises/", "error-500"),
    ]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("link", name="Back to home")).to_be_visible()
        assert page.title() == "Notes"
        check_accessibility(page)
        screenshot(page, name)

    # The 500 page has no form and no request context; its quick exit still signs out.
    key = session_key(page)
    page.get_by_role("link", name="Quick exit").click()
    leave_and_arrive(page, exit_url)
    assert_signed_out(page, live_server, key)
