"""The private check and quiet mode in a real browser, on a phone: Alice answers, sees help at
once, turns on quiet mode; Bob's Today shows an ordinary pause."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("MEND_SHOTS", "/tmp/shots/safety-check"))


def shot(page, name: str) -> None:
    screenshot(page, f"safety-check-{name}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.fixture
def phones(browser, live_server):
    contexts = [browser.new_context(viewport=PHONE) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()  # before the flush, so no poll is left running


def test_alice_answers_sees_help_and_turns_on_quiet_mode_bob_sees_a_pause(
    phones, live_server, alice, bob, couple
):
    alice_page, bob_page = phones
    log_in(alice_page, live_server.url, "alice@example.com")
    expect(alice_page.get_by_text("A private moment first")).to_be_visible()
    shot(alice_page, "1-alice-today-offer")
    alice_page.get_by_role("link", name="Answer the questions").click()
    alice_page.wait_for_url("**/safety/check/")
    check_accessibility(alice_page)
    shot(alice_page, "2-the-check")

    alice_page.get_by_role("group", name="afraid of your partner").get_by_label(
        "Sometimes"
    ).check()
    alice_page.get_by_role("group", name="your phone, your money").get_by_label(
        "Yes", exact=True
    ).check()
    alice_page.get_by_role("button", name="Save my answers").click()
    alice_page.wait_for_url("**/safety/check/result/")
    expect(
        alice_page.get_by_role("heading", name="Help that is there for you")
    ).to_be_visible()
    expect(
        alice_page.get_by_role("link", name="Crisis and support lines for your country")
    ).to_have_attribute("href", "/safety/#help-now")
    check_accessibility(alice_page)
    shot(alice_page, "3-result-with-help")

    alice_page.get_by_role("button", name="Turn on quiet mode").click()
    expect(alice_page.get_by_text("Quiet mode is on.").first).to_be_visible()
    shot(alice_page, "4-quiet-mode-on")
    alice_page.goto(live_server.url + "/")
    expect(alice_page.get_by_text("A private moment first")).to_have_count(0)
    check_accessibility(alice_page)
    shot(alice_page, "5-alice-today-in-quiet-mode")

    log_in(bob_page, live_server.url, "bob@example.com")
    expect(bob_page.get_by_text("Your partner is taking a pause")).to_be_visible()
    body = bob_page.locator("body").inner_text()
    assert "quiet" not in body.lower()
    check_accessibility(bob_page)
    shot(bob_page, "6-bob-today")
    bob_page.goto(live_server.url + "/checkins/consent/")
    expect(bob_page.get_by_text("this list rests for you both")).to_be_visible()
    check_accessibility(bob_page)
    shot(bob_page, "6b-bob-consent-menu-resting")

    alice_page.goto(live_server.url + "/couples/pause/")
    check_accessibility(alice_page)
    shot(alice_page, "7-alice-pause-page")
    alice_page.get_by_role("button", name="Turn quiet mode off").click()
    alice_page.wait_for_url(live_server.url + "/")
    bob_page.reload()
    expect(bob_page.get_by_text("Your partner is taking a pause")).to_have_count(0)
