"""Signed out elsewhere during an exercise: the room says so in place, a background poll takes the
page to a real sign-in page (never a sign-in form inside the navigation), and signing in comes
back to the room."""

import importlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from couples.access import active_membership
from repair import sessions
from repair.models import Exercise

from .helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = (
    "a calm and quiet river"  # the personas' password (tests/accounts/factories.py)
)


@pytest.fixture
def running(transactional_db, couple, alice, bob):
    """A together-exercise under way: both chose green."""

    if not Exercise.objects.exists():
        importlib.import_module("repair.starter_content").load()
    exercise = Exercise.objects.get(slug="daily-honesty")
    session = sessions.invite(membership=active_membership(alice), exercise=exercise)
    sessions.accept(session=session, user=bob)
    sessions.mark_ready(session=session, user=bob)
    sessions.mark_ready(session=session, user=alice)
    return session


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        timezone_id="Europe/London", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    # The page's timers run on a clock the test can move: the badge polls every 30 seconds.
    page.clock.install()
    yield page
    context.close()


def _sign_in(page) -> None:
    page.get_by_label("Email").fill("alice@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _sign_out_elsewhere(live_server) -> None:
    """Alice, on her other phone, uses the safety reset: every other device is signed out."""
    other = Client()
    other.post(
        reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
    )
    response = other.post(reverse("privacy:safety_reset"), {"confirm": "on"})
    assert response.status_code == 302


def _in_the_room(page, live_server, session) -> str:
    room = live_server.url + reverse("repair:session", args=[session.code])
    page.goto(room)
    # The room page's first inbox-badge poll (hx-trigger "load") must be answered before the
    # sign-out elsewhere: a slow one still in flight would meet the sign-out and, rightly, send
    # the whole page to sign in before the room's own poll could say so in place.
    with page.expect_response(lambda r: "/inbox/badge/" in r.url):
        _sign_in(page)
    expect(page).to_have_url(room)
    expect(page.get_by_role("heading", name="You've begun")).to_be_visible()
    expect(page.locator("#light-red")).to_be_visible()
    return room


def test_the_room_says_in_place_that_she_was_signed_out_and_brings_her_back(
    page, live_server, running
):
    room = _in_the_room(page, live_server, running)

    _sign_out_elsewhere(live_server)

    # The room's own poll (every second) meets the ended session: it says so, in place.
    expect(page.get_by_role("heading", name="You've been signed out")).to_be_visible()
    expect(
        page.locator("#room-live").get_by_text(
            "Sign in again to come back to this session."
        )
    ).to_be_visible()
    expect(page.locator("#room-live form")).to_have_count(0)
    expect(page.locator(".site-nav form")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "signed-out-room-in-place")

    page.get_by_role("link", name="Sign in again").click()
    _sign_in(page)
    expect(page).to_have_url(room)
    expect(page.get_by_role("heading", name="You've begun")).to_be_visible()
    expect(page.locator("#light-red")).to_be_visible()


def test_a_badge_poll_after_a_sign_out_elsewhere_opens_the_sign_in_page(
    page, live_server, running
):
    room = _in_the_room(page, live_server, running)

    _sign_out_elsewhere(live_server)
    # Half a minute later the inbox badge polls: the whole page goes to sign in, not the nav.
    page.clock.fast_forward("00:31")

    expect(page).to_have_url(
        re.compile(re.escape(f"/accounts/login/?next=/repair/sessions/{running.code}/"))
    )
    expect(page.locator(".site-nav")).to_have_count(0)
    expect(page.locator("form input#id_password")).to_have_count(1)
    check_accessibility(page)
    screenshot(page, "signed-out-badge-poll-sign-in")

    _sign_in(page)
    expect(page).to_have_url(room)
    expect(page.get_by_role("heading", name="You've begun")).to_be_visible()
    expect(page.locator("#light-red")).to_be_visible()
