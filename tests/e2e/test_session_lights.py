"""Two phones in one session room: nobody has a light until they choose one, green from both
begins, red from either ends it for both; the live region and the focus stay put. And a red day
holds back the partner's "now" invitation, but not the red partner's own."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from checkins import daily
from checkins.models import SAFETY_FIELDS
from couples.access import active_membership
from repair import journey, sessions
from repair.models import Exercise, ExerciseSession

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def touch_exercise(transactional_db, couple, alice):
    """The seeded content (an earlier flush may have removed it), in phase 2 for the couple."""

    importlib.import_module("repair.starter_content").load()
    journey.propose_advance(membership=active_membership(alice))
    return Exercise.objects.get(slug="holding-hands")


@pytest.fixture
def phones(browser, live_server):
    contexts = [
        browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(2)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:  # closed before the flush, so no poll is left running
        context.close()


def _both(alice_page, bob_page, name: str) -> None:
    screenshot(alice_page, f"lights-alice-{name}")
    screenshot(bob_page, f"lights-bob-{name}")


def _focused_light(page) -> str:
    """The light of the focused button ("" when focus went elsewhere)."""
    return page.evaluate(
        "document.activeElement && document.activeElement.name === 'light'"
        " ? document.activeElement.value : ''"
    )


def _light_button(page, light: str):
    return page.locator(f'button[name="light"][value="{light}"]')


def _tap(page, light: str) -> float:
    """Taps a light and waits until the room shows it; returns the scroll position before."""
    _light_button(page, light).scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    _light_button(page, light).click()
    expect(_light_button(page, light)).to_have_attribute(
        "aria-pressed", "true", timeout=2000
    )
    return before


def test_the_room_starts_empty_green_from_both_begins_and_red_ends_it(
    live_server, phones, alice, bob, couple, touch_exercise
):
    session = sessions.invite(
        membership=active_membership(alice), exercise=touch_exercise
    )
    sessions.accept(session=session, user=bob)

    alice_page, bob_page = phones
    room = f"{live_server.url}/repair/sessions/{session.code}/"
    for page, email in (
        (alice_page, "alice@example.com"),
        (bob_page, "bob@example.com"),
    ):
        log_in(page, live_server.url, email)
        page.goto(room)
        expect(page.get_by_role("heading", name="Getting ready")).to_be_visible()
        # The live region is in the page before anything changes.
        expect(page.locator('#room-announce[aria-live="polite"]')).to_have_count(1)
        expect(page.locator("[data-my-light]")).to_have_text(
            "You Not chosen yet", use_inner_text=True
        )
        expect(page.get_by_text("keep going")).to_have_count(0)
        expect(page.locator('[aria-pressed="true"]')).to_have_count(0)
    expect(alice_page.locator("[data-other-light]")).to_have_text(
        "Bob Hasn't chosen yet"
    )
    expect(bob_page.locator("[data-other-light]")).to_have_text(
        "Alice Hasn't chosen yet"
    )
    check_accessibility(alice_page)
    check_accessibility(bob_page)
    _both(alice_page, bob_page, "1-nobody-chose")

    # Alice chooses green: she is ready; nothing begins until Bob chooses too.
    before = _tap(alice_page, "green")
    assert _focused_light(alice_page) == "green"
    assert alice_page.evaluate("window.scrollY") == before
    expect(
        bob_page.locator("[data-other-light]").get_by_text("Green — ready to begin")
    ).to_be_visible(timeout=2000)
    expect(bob_page.locator("#room-announce")).to_have_text(
        "Getting ready. Alice: green — ready to begin.", timeout=2000
    )
    expect(bob_page.get_by_role("heading", name="Getting ready")).to_be_visible()
    expect(alice_page.get_by_role("heading", name="Getting ready")).to_be_visible()
    assert ExerciseSession.objects.get().started_at is None
    _both(alice_page, bob_page, "2-alice-green")

    # Bob chooses green: the session begins on both screens. "Ready" was about beginning, so
    # inside the session nobody has a light until they choose again.
    _light_button(bob_page, "green").click()
    expect(bob_page.get_by_role("heading", name="You've begun")).to_be_visible()
    expect(alice_page.get_by_role("heading", name="You've begun")).to_be_visible(
        timeout=2000
    )
    assert _focused_light(bob_page) == "green"
    for page in (alice_page, bob_page):
        expect(page.locator("[data-my-light]")).to_have_text(
            "You No check-in yet", use_inner_text=True
        )
        expect(page.locator("[data-other-light]")).to_contain_text("No check-in yet")
    _tap(bob_page, "green")
    expect(
        alice_page.locator("[data-other-light]").get_by_text("Green, chosen at")
    ).to_be_visible(timeout=2000)
    check_accessibility(bob_page)
    _both(alice_page, bob_page, "3-both-green-begun")

    # Yellow at any moment: Bob's screen and his screen reader hear of it.
    before = _tap(alice_page, "yellow")
    assert _focused_light(alice_page) == "yellow"
    assert alice_page.evaluate("window.scrollY") == before
    expect(
        bob_page.locator("[data-other-light]").get_by_text("Yellow — slow down")
    ).to_be_visible(timeout=2000)
    expect(bob_page.locator("#room-announce")).to_have_text(
        re.compile(r"You've begun\. Alice: yellow — slow down, chosen at \d\d:\d\d\."),
        timeout=2000,
    )
    expect(bob_page.get_by_text("Slow down.", exact=True)).to_be_visible()
    _both(alice_page, bob_page, "4-alice-yellow")

    # Red ends it for both, and Bob's screen doesn't suggest that he pressed it.
    _light_button(alice_page, "red").click()
    expect(
        bob_page.get_by_text(
            "Alice chose red, so the session has ended. "
            "Nobody did anything wrong by stopping."
        )
    ).to_be_visible(timeout=2000)
    expect(bob_page.locator("#room-announce")).to_have_text(
        "Alice chose red", timeout=2000
    )
    expect(
        alice_page.get_by_text("You chose red, so the session has ended.")
    ).to_be_visible(timeout=2000)
    for page in (alice_page, bob_page):
        expect(_light_button(page, "red")).to_have_count(0)
        expect(page.get_by_text("you stopped")).to_have_count(0)
    check_accessibility(bob_page)
    _both(alice_page, bob_page, "5-alice-red")


def test_a_red_day_holds_back_the_partners_invitation_but_not_their_own(
    live_server, phones, alice, bob, couple, touch_exercise
):
    daily.record_checkin(
        user=bob,
        membership=active_membership(bob),
        light="red",
        scores=dict.fromkeys(SAFETY_FIELDS, 2),
    )
    alice_page, bob_page = phones
    exercise_url = f"{live_server.url}/repair/exercises/{touch_exercise.code}/"
    log_in(alice_page, live_server.url, "alice@example.com")
    log_in(bob_page, live_server.url, "bob@example.com")

    # Alice finds a kind note where the invitation would be: not now, not for later either.
    alice_page.goto(exercise_url)
    expect(alice_page.get_by_text("Bob may need some space today")).to_be_visible()
    expect(alice_page.get_by_label("Now", exact=True)).to_have_count(0)
    expect(alice_page.get_by_label("At a time I choose")).to_have_count(0)
    check_accessibility(alice_page)

    # Bob, whose day is red, sets the pace: he can invite Alice now.
    bob_page.goto(exercise_url)
    expect(bob_page.get_by_text("may need some space today")).to_have_count(0)
    _both(alice_page, bob_page, "red-day-1-exercise")
    bob_page.get_by_label("Now", exact=True).check()
    bob_page.get_by_role("button", name="Send the invitation").click()
    expect(
        bob_page.get_by_role("heading", name="Invitation sent to Alice")
    ).to_be_visible()
    session = ExerciseSession.objects.get()
    assert session.inviter == bob

    # Alice's two answers are buttons of the same weight.
    alice_page.goto(f"{live_server.url}/repair/sessions/{session.code}/")
    yes = alice_page.get_by_role("button", name="Yes, let's")
    not_now = alice_page.get_by_role("button", name="Not now")
    assert yes.get_attribute("class") == not_now.get_attribute("class")
    assert yes.bounding_box()["height"] == not_now.bounding_box()["height"]
    check_accessibility(alice_page)
    _both(alice_page, bob_page, "red-day-2-bob-invited")
