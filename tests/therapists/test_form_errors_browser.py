"""The therapist's htmx forms (a suggestion, a private note) explain invalid input in place and
keep what was typed, in production and with DEBUG on, where django-htmx's error overlay would take
a 400 over the whole page: both answer 422, which htmx swaps into the form's place."""

import pytest
from playwright.sync_api import expect

from repair.models import Suggestion
from tests.e2e.helpers import screenshot
from tests.e2e.test_form_errors import debug, sign_in, still_the_whole_page  # noqa: F401
from tests.therapists.factories import full_access, make_therapist
from therapists.models import TherapistNote

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def couple_page(live_server, sign_in, debug, couple, alice, bob, theo):  # noqa: F811
    """The couple's page as the therapist sees it, rendered after DEBUG is set either way."""
    make_therapist(theo)
    invite = full_access(couple, theo, alice, bob)
    page = sign_in("theo@example.com")
    page.goto(f"{live_server.url}/therapist/couples/{invite.code}/")
    return page


def test_a_suggestion_without_an_exercise_explains_and_keeps_the_note(
    couple_page,
    debug,  # noqa: F811
):
    page = couple_page
    page.get_by_label("A note for them (optional)").fill(
        "Only if it feels right this week."
    )
    page.get_by_role("button", name="Suggest it").click()

    expect(page.get_by_text("Nothing was suggested yet.")).to_be_visible()
    expect(page.get_by_text("Choose an exercise to suggest.")).to_be_visible()
    expect(page.get_by_label("A note for them (optional)")).to_have_value(
        "Only if it feels right this week."
    )
    still_the_whole_page(page)
    expect(page.locator("#suggest")).to_have_count(1)
    screenshot(page, f"therapist-suggest-error-{'debug' if debug else 'prod'}")
    assert not Suggestion.objects.exists()


def test_a_note_too_long_explains_and_keeps_every_word(couple_page, debug):  # noqa: F811
    page = couple_page
    typed = (
        "What they said about the holidays, and what it stirred up. " * 400
    ).strip()
    box = page.get_by_label("A private note")
    # Pasted past the limit (a browser's maxlength stops typing, not every paste or script).
    box.evaluate("element => element.removeAttribute('maxlength')")
    box.fill(typed)
    page.get_by_role("button", name="Save note").click()

    expect(page.get_by_text("Your note isn't saved yet.")).to_be_visible()
    expect(page.get_by_text("longer than one note can hold")).to_be_visible()
    expect(page.get_by_label("A private note")).to_have_value(typed)
    still_the_whole_page(page)
    expect(page.locator("#notes")).to_have_count(1)
    screenshot(page, f"therapist-note-error-{'debug' if debug else 'prod'}")
    assert not TherapistNote.objects.exists()

    # An empty note is explained the same way; a short one then saves in place.
    page.get_by_label("A private note").fill("")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Write a few words first.")).to_be_visible()
    still_the_whole_page(page)
    page.get_by_label("A private note").fill("Ask about the holidays next time.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Ask about the holidays next time.")).to_be_visible()
    expect(page.get_by_text("Your note isn't saved yet.")).to_have_count(0)
    assert TherapistNote.objects.count() == 1
