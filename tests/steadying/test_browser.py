"""Two phones: a tap grounds the person at once; the card reaches the partner only when chosen."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from prompts.models import Prompt
from prompts.preferences import preferences_for
from steadying.models import HonestyNote
from tests.accounts.factories import PASSWORD
from tests.e2e.helpers import check_accessibility
from tests.security.discreet_mail import assert_discreet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots/steadying")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def sign_in(browser, base: str, email: str, **options):
    context = browser.new_context(
        viewport=PHONE, timezone_id="Europe/London", **options
    )
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(base + "/")
    return context, page


def test_a_tap_grounds_at_once_and_the_card_goes_only_when_chosen(
    browser, live_server, alice, bob, couple
):
    preferences = preferences_for(bob)
    preferences.email = True
    # No quiet hours, so the email goes whatever the hour this test runs at (it waits them out).
    preferences.quiet_start = preferences.quiet_end = 0
    preferences.save()
    base = live_server.url
    alice_context, alice_page = sign_in(browser, base, "alice@example.com")
    bob_context, bob_page = sign_in(browser, base, "bob@example.com")

    # No card yet: the tap grounds Alice and nothing at all reaches Bob.
    alice_page.get_by_role("button", name="I'm flooded").click()
    expect(
        alice_page.get_by_role("heading", name="Breathe with the circle")
    ).to_be_visible()
    expect(alice_page.locator(".breath__circle")).to_be_visible()
    check_accessibility(alice_page)
    shot(alice_page, "1-grounding")
    assert not Prompt.objects.filter(user=bob).exists()
    assert mail.outbox == []

    # At a calm moment she writes her card and chooses to send it.
    alice_page.get_by_role("link", name="My card").click()
    alice_page.get_by_label("What helps me when I'm flooded").fill(
        "Sit with me without talking. Tell me where you were today."
    )
    alice_page.get_by_label("What doesn't help").fill("Explaining, or going over it.")
    alice_page.get_by_label(re.compile("also send my partner this card")).check()
    check_accessibility(alice_page)
    shot(alice_page, "2-card-editor")
    alice_page.get_by_role("button", name="Save my card").click()
    expect(alice_page.get_by_text("Your card is saved.")).to_be_visible()

    # The tap now sends it; the grounding screen still comes first, at once.
    alice_page.get_by_role("button", name="I'm flooded").click()
    expect(
        alice_page.get_by_role("heading", name="Breathe with the circle")
    ).to_be_visible()
    expect(alice_page.get_by_text("Your card is on its way")).to_be_visible()

    # Bob's badge lights within its polling delay, and the inbox leads to the card.
    expect(bob_page.locator("#inbox-badge .badge--dot")).to_have_count(
        1, timeout=40_000
    )
    bob_page.get_by_role("link", name=re.compile("^Inbox")).click()
    item = bob_page.locator(".inbox-item", has_text="Your partner sent you their card")
    item.get_by_role("link", name="Open").click()
    expect(bob_page.get_by_text("Sit with me without talking.")).to_be_visible()
    expect(bob_page.get_by_role("heading", name="How to be with this")).to_be_visible()
    assert bob_page.locator("main textarea").count() == 0  # no reply thread
    check_accessibility(bob_page)
    shot(bob_page, "3-partner-card")
    [message] = mail.outbox
    assert_discreet(message, names=["Alice", "Bob"])

    # The honesty log: Bob offers a note, Alice reads it when she chooses and says thank you.
    bob_page.goto(base + "/steady/honesty/")
    bob_page.get_by_label("What you'd like to tell").fill(
        "I got a message from an old colleague today and didn't answer."
    )
    bob_page.get_by_role("button", name="Add to the log").click()
    expect(bob_page.get_by_text("Added. Thank you for offering it.")).to_be_visible()
    check_accessibility(bob_page)
    shot(bob_page, "4-honesty-writer")
    alice_page.goto(base + "/steady/honesty/")
    expect(alice_page.get_by_text("an old colleague")).to_be_visible()
    alice_page.get_by_role("button", name="Thank you for telling me").click()
    expect(alice_page.get_by_text("You said thank you.")).to_be_visible()
    check_accessibility(alice_page)
    shot(alice_page, "5-honesty-reader")
    assert HonestyNote.objects.count() == 1
    alice_context.close()
    bob_context.close()


def test_the_grounding_screen_paces_in_words_and_keeps_going_offline(
    browser, live_server, alice
):
    context, page = sign_in(
        browser, live_server.url, "alice@example.com", reduced_motion="reduce"
    )
    page.get_by_role("button", name="I'm flooded").click()
    pace = page.locator("#breath-pace")
    expect(pace).to_have_text("Breathe in… 1")
    expect(
        page.locator(".breath__circle")
    ).to_be_hidden()  # no motion for who asked for none
    context.set_offline(True)
    expect(pace).to_have_text("In… 3", timeout=5_000)
    expect(pace).to_have_text(re.compile("Out… "), timeout=10_000)
    shot(page, "6-grounding-reduced-motion")
    context.close()
