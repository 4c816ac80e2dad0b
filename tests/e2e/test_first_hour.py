"""The first hour, in a real browser at phone width: an invitation opened while signed out leads
through sign-up and the emailed verification link straight to "Join", then to a first step."""

import pytest
from playwright.sync_api import expect

from couples import pairing
from couples.models import Role

from .helpers import check_accessibility, screenshot, sign_up, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_an_invitation_opened_signed_out_leads_to_join_and_a_first_step(
    browser, live_server, alice
):
    couple = pairing.start_couple(user=alice, role=Role.INJURED)
    invitation = pairing.create_invitation(
        membership=couple.memberships.get(user=alice)
    )
    join_path = f"/join/{invitation.token}/"
    base = live_server.url
    context = browser.new_context(viewport=PHONE, timezone_id="Europe/Berlin")
    page = context.new_page()

    visit(page, base + "/", "first-hour-0-landing")
    expect(page.get_by_role("heading", name="Who runs this Mend")).to_be_visible()

    visit(page, base + join_path, "first-hour-1-join-signed-out")
    expect(
        page.get_by_role("heading", name="Alice has invited you to Mend")
    ).to_be_visible()
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url("**/accounts/signup/?next=**")

    # Signs up, opens the verification link from the mail outbox, confirms.
    sign_up(
        page,
        base,
        name="Sam",
        email="sam@example.com",
        password="a long and gentle passphrase",
        shot_prefix="first-hour-2",
    )
    page.wait_for_url(base + join_path)
    expect(page.get_by_role("heading", name="Join Alice in Mend")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("I broke trust").check()
    page.get_by_role("button", name="Join").click()

    expect(page.get_by_role("heading", name="Where to begin")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "first-hour-3-today-first-step")
    page.get_by_role("button", name="Begin this exercise").click()
    expect(
        page.get_by_role("heading", name="The accountability letter")
    ).to_be_visible()
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="You and Alice")).to_be_visible()
    expect(page.get_by_role("heading", name="Where to begin")).to_have_count(0)
    context.close()


def test_the_sign_in_page_at_phone_width(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    visit(page, live_server.url + "/accounts/login/", "first-hour-4-sign-in")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    context.close()
