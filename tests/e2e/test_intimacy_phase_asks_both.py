"""Moving into the phase about intimacy on two phones: it starts with Alice, who was hurt, so Bob
sees a calm line and no button; Alice asks; Bob sees a calm question in his inbox and on Repair. Both yes moves them on; Bob's "not yet" keeps them where they
are, with kind words on both screens."""

import importlib

import pytest
from playwright.sync_api import expect

from couples.access import active_membership
from prompts.preferences import preferences_for
from repair import journey

from .helpers import ARTIFACTS, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = ARTIFACTS / "phase-three"
NEXT = "Consent and renegotiated intimacy"


@pytest.fixture
def in_phase_two(transactional_db, couple, alice, bob):
    importlib.import_module("repair.starter_content").load()
    importlib.import_module("prompts.starter_content").load()
    for person in (alice, bob):
        preferences_for(person)  # made at sign-up
    # Alice was hurt, so her first move takes them to phase 2 at once.
    journey.propose_advance(membership=active_membership(alice))


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
    if "inbox" not in name:
        _pace(page).screenshot(path=f"{SHOTS}/{name}-pace.png")


def _pace(page):
    return page.get_by_role("region", name="Moving at your pace")


def _alice_asks(alice, bob, base):
    log_in(alice, base, "alice@example.com")
    log_in(bob, base, "bob@example.com")
    bob.goto(base + "/repair/")
    expect(_pace(bob)).to_contain_text("Moving into the next phase starts with Alice")
    expect(bob.get_by_role("button", name="Ask Alice about moving on")).to_have_count(0)
    _look(bob, "phase3-0-bob-before")
    alice.goto(base + "/repair/")
    expect(_pace(alice)).to_contain_text("something you both say yes to")
    _look(alice, "phase3-1-alice-before")
    alice.get_by_role("button", name="Ask Bob about moving on").click()
    expect(_pace(alice)).to_contain_text(f"You asked Bob about moving on to {NEXT}")
    expect(alice.get_by_text("You are here")).to_have_count(1)
    _pace(alice).scroll_into_view_if_needed()
    _look(alice, "phase3-2-alice-asked")

    bob.goto(base + "/inbox/")
    expect(bob.locator("#inbox-badge .badge--dot")).to_have_count(1)
    expect(bob.locator(".inbox-item--unread")).to_have_count(1)
    _look(bob, "phase3-3-bob-inbox")
    bob.goto(base + "/repair/")
    expect(_pace(bob)).to_contain_text(f"Alice would like to move on to {NEXT}")
    expect(_pace(bob)).to_contain_text("nobody needs a reason")
    _pace(bob).scroll_into_view_if_needed()
    _look(bob, "phase3-4-bob-asked")


def test_both_yeses_move_them_into_the_intimacy_phase(
    live_server, in_phase_two, couple, phones
):
    alice, bob = phones
    base = live_server.url
    _alice_asks(alice, bob, base)
    bob.get_by_role("button", name="Yes, I'd like that too").click()
    expect(bob.get_by_text("You've moved on together")).to_be_visible()
    assert journey.journey_for(couple).phase.title == NEXT
    alice.reload()
    expect(alice.get_by_role("heading", name=NEXT, level=2)).to_be_visible()


def test_not_yet_keeps_them_in_phase_two_with_kind_words_on_both_screens(
    live_server, in_phase_two, couple, phones
):
    alice, bob = phones
    base = live_server.url
    _alice_asks(alice, bob, base)
    bob.get_by_role("button", name="Not yet").click()
    expect(_pace(bob)).to_contain_text("You chose to stay here for now")
    _look(bob, "phase3-5-bob-not-yet")
    assert journey.journey_for(couple).phase.order == 2
    alice.reload()
    expect(_pace(alice)).to_contain_text("Bob would rather stay here for now")
    expect(_pace(alice)).to_contain_text(
        "That can be hard to hear. It isn't a verdict on you"
    )
    bob.reload()
    expect(bob.get_by_role("button", name="Ask Alice about moving on")).to_have_count(0)
    _pace(alice).scroll_into_view_if_needed()
    _look(alice, "phase3-6-alice-hears-not-yet")
