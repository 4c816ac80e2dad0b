"""In a real browser: Alice chooses how often they're both invited to their measures, Theo suggests
a less frequent one, Bob takes it up (less often is his to choose too), and Theo sees that he did. Each page passes the accessibility
check; the screenshots are in test-artifacts/."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import check_accessibility, screenshot
from tests.e2e.test_form_errors import sign_in  # noqa: F401
from tests.therapists.factories import full_access, make_therapist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def look(page, name: str) -> None:
    check_accessibility(page)
    screenshot(page, name)


def test_a_cadence_chosen_suggested_and_taken_up(
    live_server,
    sign_in,  # noqa: F811
    couple,
    alice,
    bob,
    theo,
):
    make_therapist(theo)
    invite = full_access(couple, theo, alice, bob)
    base = live_server.url

    alice_page = sign_in("alice@example.com")
    alice_page.goto(f"{base}/measures/")
    expect(
        alice_page.get_by_label("No invitations")
    ).to_be_checked()  # off until chosen
    alice_page.get_by_text("Every week", exact=True).click()
    alice_page.get_by_role("button", name="Save").click()
    expect(alice_page.get_by_text("Now: every week. You chose this on")).to_be_visible()
    look(alice_page, "measures-cadence-chosen")

    theo_page = sign_in("theo@example.com")
    theo_page.goto(f"{base}/therapist/couples/{invite.code}/prep/")
    theo_page.get_by_role("link", name="Suggest how often").click()
    theo_page.get_by_text("Every two weeks", exact=True).click()
    theo_page.get_by_role("button", name="Suggest it").click()
    expect(theo_page.get_by_text("waiting for their answer")).to_be_visible()
    look(theo_page, "therapist-cadence-suggested")

    bob_page = sign_in("bob@example.com")
    bob_page.goto(f"{base}/measures/")
    expect(bob_page.get_by_text("A suggestion from Theo")).to_be_visible()
    look(bob_page, "measures-cadence-suggestion")
    bob_page.get_by_role("button", name="Take it up").click()
    expect(
        bob_page.get_by_text("You chose this, taking up your therapist's suggestion")
    ).to_be_visible()

    theo_page.reload()
    expect(theo_page.get_by_text("Bob took it up on")).to_be_visible()
    look(theo_page, "therapist-cadence-taken-up")
