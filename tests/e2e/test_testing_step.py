"""Testing before sexual exercises on two phones: Alice asks, Bob sees it and says he's done,
Alice sees "done" and nothing more; the sexual exercise waits, calmly, until both have said it."""

import importlib

import pytest
from playwright.sync_api import expect

from repair import journey
from repair.models import Exercise, Phase

from .helpers import ARTIFACTS, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = ARTIFACTS / "testing-step"


@pytest.fixture
def content(transactional_db):

    importlib.import_module("repair.starter_content").load()


@pytest.fixture
def phones(browser, live_server):
    contexts = [
        browser.new_context(timezone_id="Europe/London", viewport=PHONE)
        for _ in range(2)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _look(page, name: str) -> None:
    check_accessibility(page)
    screenshot(page, name)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_asking_for_testing_and_saying_done_on_two_phones(
    live_server, content, couple, phones
):
    j = journey.journey_for(couple)
    j.phase = Phase.objects.get(order=3)
    j.save(update_fields=["phase"])
    sexual = Exercise.objects.get(slug="sensate-focus-boundaries")
    base = live_server.url
    alice, bob = phones
    log_in(alice, base, "alice@example.com")
    log_in(bob, base, "bob@example.com")

    alice.goto(base + "/repair/")
    alice.get_by_role("link", name="Testing before sexual exercises").click()
    _look(alice, "testing-1-alice-before")
    alice.get_by_role("button", name="Ask for testing first").click()
    expect(
        alice.get_by_role(
            "heading", name="Testing has been asked for before sexual exercises"
        )
    ).to_be_visible()
    _look(alice, "testing-2-alice-asked")

    bob.goto(base + f"/repair/exercises/{sexual.code}/")
    expect(bob.get_by_text("so this one waits until you've both")).to_be_visible()
    expect(bob.get_by_role("button", name="Send the invitation")).to_have_count(0)
    _look(bob, "testing-3-bob-exercise-waits")
    bob.get_by_role("link", name="Testing before sexual exercises").click()
    expect(bob.get_by_role("button", name="Take back the request")).to_have_count(0)
    _look(bob, "testing-4-bob-sees-it")
    bob.get_by_role("button", name="I've done it").click()
    expect(bob.get_by_text("Your partner now sees “done”")).to_be_visible()
    _look(bob, "testing-5-bob-done")

    alice.reload()
    expect(alice.locator(".testing-status")).to_have_text(
        "You: not yet Bob: done", use_inner_text=False
    )
    _look(alice, "testing-6-alice-sees-done")
