"""A therapist signs in and is at home among their couples: the therapist's navigation, no partner
tabs, no check-in. Screenshots of the dashboard and a couple's pages at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from journal import sharing
from tests.journal.factories import EntryFactory
from tests.therapists.factories import full_access, make_therapist

from .helpers import ARTIFACTS, PERSONA_PASSWORD, check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "therapist-navigation"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LONG_LINK = "https://example.org/" + "a-long-path-that-does-not-break-" * 6


def sign_in(page, base: str, email: str, lands_on: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(base + lands_on)


def shot(page, name: str) -> None:
    check_accessibility(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def expect_therapist_navigation(page) -> None:
    nav = page.get_by_role("navigation", name="Main")
    for tab in ("Today", "Repair", "Check-in", "Journal", "Inbox"):
        expect(nav.get_by_role("link", name=tab, exact=True)).to_have_count(0)
    expect(nav.get_by_role("link", name="Settings")).to_be_visible()
    expect(page.get_by_role("link", name="Check in")).to_have_count(0)
    expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    expect(page.locator("#quick-exit")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_therapist_signs_in_to_their_own_place(
    browser, live_server, couple, alice, bob, theo, width
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    entry = EntryFactory(
        author=alice,
        body=f"We **talked** for an hour.\n\n> I felt heard.\n\n[What we read]({LONG_LINK})"
        "\n\n<script>alert('x')</script>",
    )
    sharing.set_sharing(entry=entry, with_partner=True, with_therapist=True)
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = live_server.url
    try:
        sign_in(page, base, theo.email, "/therapist/")
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="Your couples")).to_have_attribute(
            "aria-current", "page"
        )
        expect(nav.get_by_role("link", name="Invitations")).to_be_visible()
        expect_therapist_navigation(page)
        shot(page, f"dashboard-{width}")

        page.get_by_role("link", name="Alice and Bob").click()
        page.wait_for_url(f"**/therapist/couples/{made.code}/")
        expect_therapist_navigation(page)
        shot(page, f"couple-{width}")

        page.goto(f"{base}/therapist/couples/{made.code}/journal/")
        expect(page.locator(".entry__body strong")).to_have_text("talked")
        link = page.get_by_role("link", name="What we read")
        expect(link).to_have_attribute("href", LONG_LINK)
        # The long link wraps inside the page: nothing scrolls sideways.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        expect_therapist_navigation(page)
        shot(page, f"couple-journal-{width}")

        page.goto(base + "/")  # the wordmark's address: their dashboard again
        page.wait_for_url(base + "/therapist/")
        assert dialogs == []
    finally:
        context.close()


def test_a_therapist_waiting_for_approval_has_a_calm_home(browser, live_server, theo):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, theo.email, "/therapist/register/")
        expect(page.get_by_role("heading", name="Waiting for approval")).to_be_visible()
        expect(
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Your registration"
            )
        ).to_have_attribute("aria-current", "page")
        expect(page.get_by_text("Which describes your part")).to_have_count(0)
        expect_therapist_navigation(page)
        shot(page, "waiting-phone")
    finally:
        context.close()


def test_a_partner_reads_their_data_as_a_page(browser, live_server, couple, alice):
    EntryFactory(author=alice, body="A long walk, and " + LONG_LINK)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, alice.email, "/")
        page.goto(live_server.url + "/settings/data/")
        page.get_by_role("link", name="Read it as a page, to print or save").click()
        expect(page.get_by_role("heading", name="Your data in Mend")).to_be_visible()
        expect(page.get_by_role("heading", name="Journal entries")).to_be_visible()
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        shot(page, "export-document-phone")
    finally:
        context.close()
