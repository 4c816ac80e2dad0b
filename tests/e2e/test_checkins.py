"""Both partners check in from their own phones; each sees the other's light only after answering."""

import pytest
from playwright.sync_api import expect

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def phone(browser, base: str, email: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base, email)
    return context, page


def answer(page, light: str) -> None:
    """One tap on a light is the whole check-in."""
    page.get_by_role("button", name=light).click()


def test_each_partner_sees_the_other_light_only_after_giving_their_own(
    browser, live_server, alice, bob, couple
):
    alice_context, alice_page = phone(browser, live_server.url, "alice@example.com")
    bob_context, bob_page = phone(browser, live_server.url, "bob@example.com")

    bob_page.goto(live_server.url + "/checkins/")
    check_accessibility(bob_page)
    expect(
        bob_page.get_by_text("You'll see Alice's light once you've given your own")
    ).to_be_visible()
    screenshot(bob_page, "checkin-bob-1-before")
    answer(bob_page, "Red")
    expect(
        bob_page.get_by_role("heading", name="Red is a whole answer")
    ).to_be_visible()
    expect(bob_page.get_by_text("Alice hasn't checked in today")).to_be_visible()
    check_accessibility(bob_page)
    screenshot(bob_page, "checkin-bob-2-red")

    alice_page.goto(live_server.url + "/checkins/")
    expect(
        alice_page.get_by_text("You'll see Bob's light once you've given your own")
    ).to_be_visible()
    expect(alice_page.get_by_text("Today is a red day")).to_have_count(0)
    screenshot(alice_page, "checkin-alice-1-before")
    answer(alice_page, "Green")
    expect(alice_page.get_by_role("heading", name="Today is a red day")).to_be_visible()
    check_accessibility(alice_page)
    screenshot(alice_page, "checkin-alice-2-red-day")

    # On Bob's red day, Alice's green is not the headline: it waits, folded, in the detail.
    bob_page.reload()
    alice_today = bob_page.get_by_role("region", name="Alice today")
    expect(alice_today).to_contain_text("Alice has checked in too.")
    expect(alice_today).not_to_contain_text("feeling steady")
    alice_today.get_by_text("More about Alice's day").click()
    expect(alice_today).to_contain_text("it isn't something they're asking of you")
    screenshot(bob_page, "checkin-bob-3-revealed")

    bob_page.goto(live_server.url + "/checkins/history/")
    check_accessibility(bob_page)
    screenshot(bob_page, "checkin-bob-4-history")

    alice_context.close()
    bob_context.close()
