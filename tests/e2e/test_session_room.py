"""Two partners, two phones: an invitation, green from both, and an ending seen on both screens."""

import importlib

import pytest
from playwright.sync_api import expect

from repair.models import Exercise

from .helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = (
    "a calm and quiet river"  # the personas' password (tests/accounts/factories.py)
)


@pytest.fixture
def content(transactional_db):
    """The seeded phases and exercises: an earlier browser test's flush may have removed them."""

    importlib.import_module("repair.starter_content").load()


@pytest.fixture
def phones(browser, live_server):
    """Two phones. Closed before the database is flushed, so no poll is left running."""
    contexts = [
        browser.new_context(
            timezone_id="Europe/London", viewport={"width": 390, "height": 844}
        )
        for _ in range(2)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _log_in(page, base: str, email: str, name: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def _look(page, name: str) -> None:
    check_accessibility(page)
    screenshot(page, name)


def test_a_together_exercise_from_invitation_to_ending_on_both_screens(
    live_server, content, couple, phones
):
    base = live_server.url
    exercise = Exercise.objects.get(slug="daily-honesty")
    alice, bob = phones
    _log_in(alice, base, "alice@example.com", "Alice")
    _log_in(bob, base, "bob@example.com", "Bob")

    # Alice finds the exercise on the Repair page and invites Bob to do it now.
    alice.get_by_role("link", name="Repair").click()
    expect(alice.get_by_role("heading", name="Repair", exact=True)).to_be_visible()
    _look(alice, "session-alice-1-repair")
    alice.get_by_role("link", name=exercise.title).click()
    expect(alice.get_by_role("heading", name=exercise.title)).to_be_visible()
    _look(alice, "session-alice-2-exercise")
    alice.get_by_label("Now").check()
    alice.get_by_role("button", name="Send the invitation").click()
    expect(alice.get_by_role("heading", name="Invitation sent to Bob")).to_be_visible()
    _look(alice, "session-alice-3-invited")

    # Bob sees it on his Repair page and opens the room.
    bob.goto(base + "/repair/")
    expect(bob.get_by_text("an invitation for you")).to_be_visible()
    _look(bob, "session-bob-1-repair")
    bob.get_by_role("link", name=f"Open {exercise.title}").click()
    expect(bob.get_by_role("heading", name="An invitation from Alice")).to_be_visible()
    _look(bob, "session-bob-2-invitation")

    # Bob accepts: both screens move to "Getting ready" without a reload.
    bob.get_by_role("button", name="Yes, let's").click()
    expect(bob.get_by_role("heading", name="Getting ready")).to_be_visible()
    expect(alice.get_by_role("heading", name="Getting ready")).to_be_visible(
        timeout=2000
    )
    _look(bob, "session-bob-3-getting-ready")
    _look(alice, "session-alice-4-getting-ready")

    # Nobody has a light yet; each chooses green, and it begins only when both have.
    expect(alice.locator("[data-other-light]")).to_have_text("Bob Hasn't chosen yet")
    expect(bob.locator("[data-other-light]")).to_have_text("Alice Hasn't chosen yet")
    alice.get_by_role("button", name="Green I'm ready").click()
    expect(
        bob.locator("[data-other-light]").get_by_text("Green — ready to begin")
    ).to_be_visible(timeout=2000)
    expect(bob.get_by_role("heading", name="Getting ready")).to_be_visible()
    _look(bob, "session-bob-4-alice-ready")
    bob.get_by_role("button", name="Green I'm ready").click()
    expect(bob.get_by_role("heading", name="You've begun")).to_be_visible()
    expect(alice.get_by_role("heading", name="You've begun")).to_be_visible(
        timeout=2000
    )
    expect(alice.get_by_text("Just begun.")).to_be_visible()
    _look(alice, "session-alice-5-running")
    _look(bob, "session-bob-5-running")

    # Bob ends it; Alice's screen shows that within two seconds.
    bob.get_by_role("button", name="End the session").click()
    expect(bob.get_by_role("heading", name="You ended the session")).to_be_visible()
    expect(alice.get_by_role("heading", name="Bob ended the session")).to_be_visible(
        timeout=2000
    )
    _look(alice, "session-alice-6-ended")
    _look(bob, "session-bob-6-ended")

    # Afterwards, Alice writes a short reflection, private by default.
    alice.get_by_role("link", name="Write a short reflection").click()
    _look(alice, "session-alice-7-reflection")
    alice.get_by_label("4", exact=True).check()
    alice.get_by_label("What did you notice?").fill("It was easier than I expected.")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("Only you can see this.")).to_be_visible()
    _look(alice, "session-alice-8-reflection-saved")
