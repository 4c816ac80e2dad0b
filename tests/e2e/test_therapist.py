"""Alice and Bob invite Theo, both agree, Theo accepts and follows along; Alice stops it, and
Theo's very next page is refused. Three people, three browsers."""

import datetime

import pytest
from playwright.sync_api import expect

from checkins.models import SAFETY_FIELDS, CheckIn
from checkins.trends import week_start
from core.dates import local_today
from repair import journey
from tests.therapists.factories import make_therapist

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phones(browser, live_server):
    contexts = [
        browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(3)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:  # closed before the flush
        context.close()


def some_weeks_of_checkins(couple, people) -> None:
    for n, person in enumerate(people):
        this_week = week_start(local_today(person))
        for weeks_ago in range(8):
            day = this_week - datetime.timedelta(weeks=weeks_ago, days=-1)
            CheckIn.objects.create(
                user=person,
                couple=couple,
                local_date=day,
                light="red" if weeks_ago == 5 else "green",
                **{
                    name: max(1, min(5, 4 - weeks_ago // 3 + (i + n) % 3 - 1))
                    for i, name in enumerate(SAFETY_FIELDS)
                },
            )


def look(page, name: str) -> None:
    check_accessibility(page)
    screenshot(page, name)


def test_a_couple_invites_their_therapist_and_either_can_stop_it(
    live_server, phones, couple, alice, bob, theo
):
    make_therapist(theo)
    journey.journey_for(couple)
    some_weeks_of_checkins(couple, [alice, bob])
    base = live_server.url
    alice_page, bob_page, theo_page = phones
    log_in(alice_page, base, "alice@example.com")
    log_in(bob_page, base, "bob@example.com")
    log_in(theo_page, base, "theo@example.com")

    # Alice finds the care team from Today and invites Theo, choosing what she shares.
    alice_page.get_by_role("link", name="Your therapist").click()
    expect(
        alice_page.get_by_role("heading", name="Your therapist", exact=True)
    ).to_be_visible()
    look(alice_page, "therapist-alice-1-care-team")
    alice_page.get_by_label("Your therapist's email").fill("theo@example.com")
    for choice in ("Where we are", "Exercises we've done", "My check-in trends"):
        alice_page.get_by_label(choice).check()
    alice_page.get_by_role("button", name="Invite and share these").click()
    expect(alice_page.get_by_text("Nothing is shared yet")).to_be_visible()
    look(alice_page, "therapist-alice-2-invited")

    # Theo sees nothing of them yet.
    theo_page.goto(base + "/therapist/")
    expect(theo_page.get_by_text("No couple is sharing with you")).to_be_visible()

    # Bob agrees with his own choices.
    bob_page.goto(base + "/couples/care/")
    expect(bob_page.get_by_text("Alice would like to invite Theo")).to_be_visible()
    look(bob_page, "therapist-bob-1-asked")
    bob_page.get_by_role("link", name="Choose whether to agree").click()
    for choice in ("Where we are", "My check-in trends"):
        bob_page.get_by_label(choice).check()
    look(bob_page, "therapist-bob-2-choosing")
    bob_page.get_by_role("button", name="Agree and share these").click()
    expect(bob_page.get_by_text("You've both agreed.")).to_be_visible()
    look(bob_page, "therapist-bob-3-agreed")

    # Theo accepts and follows along: the phase, and both partners' trends side by side.
    theo_page.goto(base + "/therapist/")
    expect(
        theo_page.get_by_text("Alice and Bob would like you to follow along")
    ).to_be_visible()
    look(theo_page, "therapist-theo-1-invitation")
    theo_page.get_by_role("button", name="Accept").click()
    expect(theo_page.get_by_role("heading", name="Alice and Bob")).to_be_visible()
    expect(theo_page.locator("svg.trend-chart")).to_have_count(2)
    expect(theo_page.get_by_role("heading", name="Where they are")).to_be_visible()
    look(theo_page, "therapist-theo-2-couple")
    theo_page.get_by_text("Alice's weeks as a table").click()
    theo_page.get_by_label("A private note").fill(
        "Pace feels steadier; keep phase one work."
    )
    theo_page.get_by_role("button", name="Save note").click()
    expect(theo_page.get_by_text("Pace feels steadier")).to_be_visible()
    theo_page.get_by_label("Exercise:", exact=True).select_option(index=1)
    theo_page.get_by_label("A note for them (optional)").fill(
        "Whenever it feels right."
    )
    theo_page.get_by_role("button", name="Suggest it").click()
    expect(theo_page.get_by_text("Suggested.")).to_be_visible()
    look(theo_page, "therapist-theo-3-notes-and-suggestion")
    theo_page.goto(base + "/therapist/")
    expect(theo_page.get_by_role("link", name="Alice and Bob")).to_be_visible()
    look(theo_page, "therapist-theo-4-dashboard")
    theo_page.get_by_role("link", name="Alice and Bob").click()
    theo_page.get_by_role("link", name="Printable summary").click()
    expect(
        theo_page.get_by_role("heading", name="Shared progress: Alice and Bob")
    ).to_be_visible()
    look(theo_page, "therapist-theo-5-printable")
    couple_url = theo_page.url.removesuffix("print/")

    # The suggestion waits on Repair; each look shows in the log for both.
    bob_page.goto(base + "/repair/")
    expect(
        bob_page.get_by_role("heading", name="Suggested by your therapist")
    ).to_be_visible()
    look(bob_page, "therapist-bob-4-suggestion")
    alice_page.goto(base + "/couples/care/log/")
    expect(
        alice_page.get_by_text("Theo looked at the overview of what you share").first
    ).to_be_visible()
    look(alice_page, "therapist-alice-3-who-has-seen-what")

    # Alice stops sharing; Theo's very next page is refused.
    alice_page.goto(base + "/couples/care/")
    alice_page.get_by_role("button", name="Stop sharing with Theo").click()
    expect(alice_page.get_by_text("can't see anything of yours")).to_be_visible()
    look(alice_page, "therapist-alice-4-stopped")
    response = theo_page.goto(couple_url)
    assert response.status == 403
    expect(
        theo_page.get_by_role("heading", name="Not shared at the moment")
    ).to_be_visible()
    look(theo_page, "therapist-theo-6-refused")
    theo_page.goto(base + "/therapist/")
    expect(theo_page.get_by_role("link", name="Alice and Bob")).to_have_count(0)
