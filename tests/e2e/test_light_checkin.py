"""On a phone: one tap on a light is a whole check-in; the five statements come after it, are
optional and folded "for when you're ready" in the first phase, and on red they are not asked."""

import pytest
from playwright.sync_api import expect

from checkins.models import CheckIn

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def phone(browser, base: str, email: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, base, email)
    return context, page


def test_one_tap_checks_in_and_the_statements_are_offered_after(
    browser, live_server, alice, couple
):
    context, page = phone(browser, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/checkins/")
    expect(page.get_by_text("How true are these for you today?")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "light-checkin-1-before")

    page.get_by_role("button", name="Green").click()
    expect(page.get_by_text("all a check-in needs")).to_be_visible()
    expect(page.get_by_role("button", name="Green")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert CheckIn.objects.get(user=alice).light == "green"
    # The statements wait, folded, for when she is ready; nothing asks her to open them.
    statements = page.get_by_role("region", name="When you're ready: feeling safe")
    expect(statements).to_be_visible()
    expect(statements.get_by_text("How true are these for you today?")).to_be_hidden()
    check_accessibility(page)
    screenshot(page, "light-checkin-2-green")

    statements.locator("summary").click()
    first = statements.locator("fieldset.scale-row").first
    first.get_by_label("4", exact=True).check()
    screenshot(page, "light-checkin-3-statements-open")
    statements.get_by_role("button", name="Save these").click()
    expect(page.get_by_text("Saved. Only you see these.")).to_be_visible()
    checkin = CheckIn.objects.get(user=alice)
    assert (checkin.safe, checkin.equal) == (4, None)
    context.close()


def test_on_a_red_day_the_statements_are_not_asked(browser, live_server, bob, couple):
    context, page = phone(browser, live_server.url, "bob@example.com")
    page.goto(live_server.url + "/checkins/")
    page.get_by_role("button", name="Red").click()
    expect(page.get_by_role("heading", name="Red is a whole answer")).to_be_visible()
    expect(page.locator(".checkin-statements")).to_have_count(0)
    expect(page.get_by_text("How true are these for you today?")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "light-checkin-4-red")
    assert CheckIn.objects.get(user=bob).safe is None
    context.close()
