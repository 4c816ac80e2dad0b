"""The Safety page's help on a phone, in a real browser: signed out with the country chooser,
and signed in with the person's own country."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots/crisis-lines")


def shoot(page, name: str) -> None:
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_signed_out_visitor_chooses_a_country_and_sees_its_lines(
    browser, live_server
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/safety/")
    expect(
        page.get_by_role("heading", name="If you are thinking of harming yourself")
    ).to_be_visible()
    check_accessibility(page)
    shoot(page, "safety-signed-out")

    page.get_by_label("Show help for").select_option("GB")
    page.get_by_role("button", name="Show help").click()
    expect(
        page.get_by_role("heading", name="Help lines in United Kingdom")
    ).to_be_visible()
    call = page.get_by_role("link", name="Call 116 123")
    expect(call).to_have_attribute("href", "tel:116123")
    expect(page.get_by_role("link", name="Text SHOUT to 85258")).to_be_visible()
    check_accessibility(page)
    shoot(page, "safety-signed-out-gb")
    context.close()


def test_a_signed_in_person_sees_their_countrys_lines_and_sets_it(
    browser, live_server, alice
):
    from tests.accounts.factories import PASSWORD

    alice.timezone = "Pacific/Auckland"
    alice.save()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/")

    # The grief exercise's promise of help, followed as a person would: the link lands on it.
    page.goto(live_server.url + "/safety/#self-harm")
    expect(
        page.get_by_role("heading", name="Help lines in New Zealand")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Call 1737")).to_have_attribute(
        "href", "tel:1737"
    )
    check_accessibility(page)
    shoot(page, "safety-signed-in-nz")

    page.goto(live_server.url + "/settings/#country")
    expect(page.get_by_label("Your country")).to_have_value("NZ")
    check_accessibility(page)
    shoot(page, "settings-country")
    page.get_by_label("Your country").select_option("CA")
    page.get_by_role("button", name="Save country").click()
    page.goto(live_server.url + "/safety/")
    expect(page.get_by_role("heading", name="Help lines in Canada")).to_be_visible()
    context.close()


def test_the_first_page_points_to_when_couples_work_should_wait(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    shoot(page, "landing-when-to-wait")
    page.get_by_role("link", name="Where to turn instead").click()
    page.wait_for_url("**/safety/#when-to-wait")
    expect(
        page.get_by_role("heading", name="When couples work should wait")
    ).to_be_in_viewport()
    shoot(page, "safety-when-to-wait")
    context.close()
