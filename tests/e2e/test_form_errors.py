"""Every form sent over htmx shows its errors in place and keeps what was typed.

htmx 2 swaps nothing for a 4xx answer unless told to (templates/base.html tells it to for 400 and
422); a 5xx answer still swaps nothing, so a crash never replaces a form with an error page.
The partners' forms answer 422: under DEBUG, django-htmx's error overlay takes a 400 over the
whole page, so each of them is also tried with DEBUG on.
"""

import pytest
from playwright.sync_api import expect

from journal.models import Acknowledgement
from tests.accounts.factories import PASSWORD, UserFactory
from tests.journal.factories import shared_entry
from tests.therapists.factories import full_access, make_therapist
from therapists.models import TherapistNote

from .helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def sign_in(browser, live_server):
    contexts = []

    def sign_in(email: str):
        context = browser.new_context(viewport=PHONE)
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        # Each person lands on their own first page (a therapist on their dashboard).
        page.wait_for_url(lambda url: "/accounts/" not in url)
        return page

    yield sign_in
    for context in contexts:  # closed before the flush
        context.close()


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def still_the_whole_page(page) -> None:
    """The form's answer went into its place: the page around it is still there."""
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("main")).to_have_count(1)
    check_accessibility(page)


def test_an_acknowledgement_refused_says_so_and_keeps_the_words(
    live_server, sign_in, couple, alice, bob, debug
):
    entry = shared_entry(alice)
    page = sign_in("bob@example.com")
    page.goto(f"{live_server.url}/journal/shared/{entry.code}/")
    page.get_by_label("It makes sense that…").fill("you felt alone that evening")
    message = page.get_by_label("Anything else you'd like them to know (optional)")
    # Every part is optional; only a message longer than the page allows is refused.
    message.evaluate("box => box.removeAttribute('maxlength')")
    message.fill("I am here " * 70)
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_text("Nothing was sent yet.")).to_be_visible()
    expect(page.get_by_label("It makes sense that…")).to_have_value(
        "you felt alone that evening"
    )
    still_the_whole_page(page)
    expect(page.locator("#acknowledgement-panel")).to_have_count(1)
    screenshot(page, f"form-errors-acknowledgement-{'debug' if debug else 'prod'}")
    assert not Acknowledgement.objects.exists()

    # Corrected, it goes through in place.
    page.get_by_label("Anything else you'd like them to know (optional)").fill(
        "I am here"
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Alice will see it under the entry")).to_be_visible()
    assert Acknowledgement.objects.count() == 1


def test_the_therapist_invitation_explains_and_keeps_the_address(
    live_server, sign_in, couple, alice, debug
):
    page = sign_in("alice@example.com")
    page.goto(f"{live_server.url}/couples/care/")
    address = page.get_by_label("Your therapist's email")
    address.fill("nobody-we-know@example.com")
    page.get_by_role("button", name="Invite and share these").click()

    expect(
        page.get_by_text("We couldn't invite anyone with that address")
    ).to_be_visible()
    expect(page.get_by_label("Your therapist's email")).to_have_value(
        "nobody-we-know@example.com"
    )
    still_the_whole_page(page)
    expect(page.locator("#invite-form")).to_have_count(1)
    screenshot(page, f"form-errors-care-{'debug' if debug else 'prod'}")


def test_a_mistyped_partner_address_is_explained_and_kept(live_server, sign_in, debug):
    from couples import pairing
    from couples.models import Role

    robin = UserFactory(email="robin@example.com", display_name="Robin")
    couple = pairing.start_couple(user=robin, role=Role.INJURED)
    page = sign_in("robin@example.com")
    page.goto(f"{live_server.url}/couples/{couple.code}/invite/")
    page.get_by_label("Your partner's email (optional)").fill("sam@")
    page.get_by_role("button", name="Make a new link").click()

    expect(page.get_by_text("valid email")).to_be_visible()
    expect(page.get_by_label("Your partner's email (optional)")).to_have_value("sam@")
    still_the_whole_page(page)
    expect(page.locator("#invite-panel")).to_have_count(1)


def test_the_therapists_forms_explain_in_place_and_keep_what_was_typed(
    live_server, sign_in, couple, alice, bob, theo
):
    make_therapist(theo)
    invite = full_access(couple, theo, alice, bob)
    page = sign_in("theo@example.com")
    page.goto(f"{live_server.url}/therapist/couples/{invite.code}/")

    # A suggestion with no exercise chosen: the note written for the couple stays.
    note = page.get_by_label("A note for them (optional)")
    note.fill("Only if it feels right this week.")
    page.get_by_role("button", name="Suggest it").click()
    expect(page.get_by_text("Choose an exercise to suggest.")).to_be_visible()
    expect(page.get_by_label("A note for them (optional)")).to_have_value(
        "Only if it feels right this week."
    )
    still_the_whole_page(page)

    # An empty private note.
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Write a few words first.")).to_be_visible()
    still_the_whole_page(page)
    assert not TherapistNote.objects.exists()


def test_a_server_failure_leaves_the_form_and_the_words_alone(
    live_server, sign_in, couple, alice, bob
):
    entry = shared_entry(alice)
    page = sign_in("bob@example.com")
    page.goto(f"{live_server.url}/journal/shared/{entry.code}/")

    def crash_on_send(route):
        if route.request.method != "POST":
            return route.continue_()
        return route.fulfill(
            status=500,
            body="<p id='crash'>Server Error (500)</p>",
            content_type="text/html",
        )

    page.route(f"**/journal/shared/{entry.code}/", crash_on_send)
    page.get_by_label("What I hear you saying is…").fill("that dinner was hard")
    page.get_by_label("It makes sense that…").fill("you felt alone")
    with page.expect_response(lambda response: response.status == 500):
        page.get_by_role("button", name="Send").click()

    expect(page.locator("#crash")).to_have_count(0)
    expect(page.get_by_label("What I hear you saying is…")).to_have_value(
        "that dinner was hard"
    )
    expect(page.get_by_label("It makes sense that…")).to_have_value("you felt alone")
    still_the_whole_page(page)
