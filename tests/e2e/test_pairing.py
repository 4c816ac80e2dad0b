"""Two people, two browsers: one invites, the other accepts, both see the pairing."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.test_safety import assert_session_ends_within_a_second, session_key

from .helpers import check_accessibility, screenshot, sign_up, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and gentle passphrase"


def test_two_people_pair_up_from_their_own_browsers(browser, live_server):
    base = live_server.url
    robin_context = browser.new_context(
        timezone_id="Europe/London", viewport={"width": 390, "height": 844}
    )
    sam_context = browser.new_context(
        timezone_id="America/New_York", viewport={"width": 390, "height": 844}
    )
    robin, sam = robin_context.new_page(), sam_context.new_page()

    # Robin signs up, verifies, and starts a shared space.
    visit(robin, base + "/", "robin-0-landing")
    robin.get_by_role("link", name="Create an account").click()
    sign_up(
        robin,
        base,
        name="Robin",
        email="robin@example.com",
        password=PASSWORD,
        shot_prefix="robin",
    )
    expect(robin.get_by_role("heading", name="Hello, Robin")).to_be_visible()
    check_accessibility(robin)
    screenshot(robin, "robin-2-home-new")
    assert User.objects.get(email="robin@example.com").timezone == "Europe/London"

    robin.get_by_label("I was hurt by what happened").check()
    robin.get_by_role("button", name="Start and get an invitation link").click()
    expect(robin.get_by_role("heading", name="Your own space, for now")).to_be_visible()
    check_accessibility(robin)
    screenshot(robin, "robin-3-home-solo")
    link = robin.get_by_label("Your invitation link").input_value()
    assert "/join/" in link

    # Sam opens the link, sees who invited him, signs up, and comes back to the link.
    visit(sam, link, "sam-0-invited")
    sam.get_by_role("link", name="Create an account").click()
    sign_up(
        sam,
        base,
        name="Sam",
        email="sam@example.com",
        password=PASSWORD,
        shot_prefix="sam",
    )
    assert User.objects.get(email="sam@example.com").timezone == "America/New_York"
    visit(sam, link, "sam-2-join")
    expect(sam.get_by_role("heading", name="Join Robin in Mend")).to_be_visible()
    sam.get_by_label("I broke trust").check()
    sam.get_by_role("button", name="Join").click()

    expect(sam.get_by_role("heading", name="You and Robin")).to_be_visible()
    check_accessibility(sam)
    screenshot(sam, "sam-3-home-paired")

    robin.reload()
    expect(robin.get_by_role("heading", name="You and Sam")).to_be_visible()
    check_accessibility(robin)
    screenshot(robin, "robin-4-home-paired")

    robin_context.close()
    sam_context.close()


def test_the_quick_exit_leaves_without_a_way_back(
    browser, live_server, settings, alice
):
    settings.QUICK_EXIT_URL = live_server.url + "/healthz"
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("alice@example.com")
    page.locator("#id_password").fill("a calm and quiet river")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()
    key = session_key(context)
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("**/healthz")
    # The beacon may land a moment after the tab has left: once it has ended the session,
    # location.replace has left no app page to go Back to (Back reaches the sign-in page).
    assert_session_ends_within_a_second(key)
    page.go_back()
    expect(page.get_by_role("heading", name="Hello, Alice")).to_have_count(0)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Create an account")).to_be_visible()
    context.close()
