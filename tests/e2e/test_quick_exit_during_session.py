"""Two phones in a running session: one partner presses Shift three times, and the other's room
says, within a poll or two, that the session has ended."""

import importlib

import pytest
from playwright.sync_api import expect

from checkins.session_lights import set_light
from couples.access import active_membership
from repair import sessions
from repair.models import Exercise, ExerciseSession, SessionStatus

from .helpers import ARTIFACTS, check_accessibility, log_in, screenshot
from .test_quick_exit import leave_and_arrive

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def content(transactional_db):
    """The seeded phases and exercises: an earlier browser test's flush may have removed them."""

    importlib.import_module("repair.starter_content").load()


@pytest.fixture
def exit_url(live_server, settings):
    """The neutral site, on the live server so the test needs no outside network."""
    settings.QUICK_EXIT_URL = live_server.url + "/healthz"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def phones(browser, live_server):
    """Two phones. Closed before the database is flushed, so no poll is left running."""
    contexts = [
        browser.new_context(timezone_id="Europe/London", viewport=PHONE)
        for _ in range(2)
    ]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.dialogs = []

        def refuse(dialog, page=page):
            page.dialogs.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", refuse)
    yield pages
    for context in contexts:
        context.close()


@pytest.fixture
def running(content, couple, alice, bob):
    exercise = Exercise.objects.get(slug="holding-hands")
    session = sessions.invite(membership=active_membership(alice), exercise=exercise)
    sessions.accept(session=session, user=bob)
    set_light(session=session, user=alice, light="green")
    session = set_light(session=session, user=bob, light="green")
    assert session.status == SessionStatus.RUNNING
    return session


def test_shift_three_times_in_the_room_ends_the_session_on_the_partners_phone(
    live_server, exit_url, running, phones
):
    base = live_server.url
    room = f"{base}/repair/sessions/{running.code}/"
    alice, bob = phones
    log_in(alice, base, "alice@example.com")
    log_in(bob, base, "bob@example.com")
    for page in (alice, bob):
        page.goto(room)
        expect(page.get_by_role("heading", name="You've begun")).to_be_visible()

    # Bob leaves with the keyboard: three Shift presses in a row, nothing between them.
    bob.locator("body").click(position={"x": 5, "y": 400})
    for _ in range(3):
        bob.keyboard.press("Shift")
    leave_and_arrive(bob, exit_url)

    # Alice's room learns it from its own poll, with no reload, and says so calmly.
    expect(alice.get_by_role("heading", name="This session has ended")).to_be_visible(
        timeout=5000
    )
    expect(alice.get_by_text("You've begun")).to_have_count(0)
    check_accessibility(alice)
    screenshot(alice, "quick-exit-during-session-alice-ended")
    alice.screenshot(path=ARTIFACTS / "quick-exit-partner-room.png", full_page=True)
    ended = ExerciseSession.objects.get(pk=running.pk)
    assert ended.status == SessionStatus.ENDED
    assert ended.end_reason == ExerciseSession.EndReason.LEFT
