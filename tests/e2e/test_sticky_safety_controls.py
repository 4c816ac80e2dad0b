"""On a phone, Pause and Quick exit stay on screen however far a page is scrolled, far enough apart
not to be tapped for each other; anchors land clear of the header; a tapped light keeps its own
colour, and a chosen red is tinted red."""

import importlib

import pytest
from playwright.sync_api import expect

from checkins import consent
from couples.access import active_membership
from repair import journey, sessions
from repair.models import Exercise

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()  # before the flush, so no poll is left running


@pytest.fixture
def open_menu(alice, bob, couple):
    consent.opt_in(membership=active_membership(alice))
    consent.opt_in(membership=active_membership(bob))


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def within_viewport(rect: dict) -> bool:
    return rect["y"] >= 0 and rect["y"] + rect["height"] <= PHONE["height"]


def test_pause_and_quick_exit_stay_on_screen_at_the_bottom_of_a_long_page(
    page, live_server, alice, open_menu
):
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/checkins/consent/")
    assert page.evaluate("document.body.scrollHeight") > 3 * PHONE["height"]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "window.scrollY + window.innerHeight >= document.body.scrollHeight - 2"
    )
    assert within_viewport(box(page, "#quick-exit"))
    pause = box(page, "button.pause-button")
    assert within_viewport(pause)
    quick_exit = box(page, "#quick-exit")
    assert quick_exit["x"] - (pause["x"] + pause["width"]) >= 16
    check_accessibility(page)
    page.screenshot(path=screenshot_path("sticky-consent-bottom"))


def test_the_skip_link_and_anchors_land_clear_of_the_header(
    page, live_server, alice, open_menu
):
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/checkins/consent/")
    heading_id = page.locator("main h2[id^='group-']").last.get_attribute("id")
    page.goto(f"{live_server.url}/checkins/consent/#{heading_id}")
    header = box(page, ".site-header")
    heading = box(page, f"#{heading_id}")
    assert heading["y"] >= header["y"] + header["height"]
    assert within_viewport(heading)

    page.goto(live_server.url + "/checkins/consent/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    skip_box = skip.bounding_box()
    # Shown above the sticky header, not under it.
    assert page.evaluate(
        f"document.elementFromPoint({skip_box['x'] + 5}, {skip_box['y'] + 5})"
        ".closest('.skip-link') !== null"
    )
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_a_chosen_red_on_the_daily_check_in_is_tinted_red(
    page, live_server, alice, couple
):
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/checkins/")
    page.get_by_role("button", name="Red").click()
    red = page.locator("button.light-button--red")
    expect(red).to_have_attribute("aria-pressed", "true")
    red.hover()
    assert red.evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(155, 44, 44)"
    )
    screenshot(page, "checkin-red-chosen")


@pytest.fixture
def touch_exercise(transactional_db, couple, alice):

    importlib.import_module("repair.starter_content").load()
    journey.propose_advance(membership=active_membership(alice))
    return Exercise.objects.get(slug="holding-hands")


def test_a_tapped_light_keeps_its_own_colour_and_says_it_was_chosen(
    page, live_server, alice, bob, couple, touch_exercise
):
    session = sessions.invite(
        membership=active_membership(alice), exercise=touch_exercise
    )
    sessions.accept(session=session, user=bob)
    log_in(page, live_server.url, "alice@example.com")
    page.goto(f"{live_server.url}/repair/sessions/{session.code}/")
    yellow = page.locator('button[name="light"][value="yellow"]')
    yellow.scroll_into_view_if_needed()
    yellow.click()
    expect(yellow).to_have_attribute("aria-pressed", "true", timeout=2000)
    yellow = page.locator('button[name="light"][value="yellow"]')
    yellow.hover()  # on a phone, hover sticks after the tap
    # The light's own paint (--yellow-paint, #f2c12e), not the generic button's hover green.
    assert yellow.evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(242, 193, 46)"
    )
    expect(yellow).to_contain_text("You chose this")
    red = page.locator('button[name="light"][value="red"]')
    red.hover()
    assert red.evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(155, 44, 44)"
    )
    check_accessibility(page)
    page.locator(".light-buttons").screenshot(
        path=screenshot_path("lights-yellow-chosen")
    )


def screenshot_path(name: str):
    from .helpers import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
