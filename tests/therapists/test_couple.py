"""A couple's page for their therapist: each section only when it was shared, and every look logged."""

import pytest
from django.urls import reverse

from checkins import consent as consent_menu
from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS, ConsentItem
from couples.access import active_membership
from couples.models import AccessEvent
from journal import sharing
from repair import journey, letters
from tests.journal.factories import EntryFactory

from .conftest import HTMX
from .factories import EVERYTHING, NOTHING, full_access, make_therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_things(couple, alice, bob):
    journey.journey_for(couple)
    for person in (alice, bob):
        record_checkin(
            user=person,
            membership=active_membership(person),
            light="yellow",
            scores=dict.fromkeys(SAFETY_FIELDS, 4),
        )
        entry = EntryFactory(
            author=person, body=f"{person.display_name} wrote this for Theo"
        )
        sharing.set_sharing(entry=entry, with_partner=False, with_therapist=True)
    item = ConsentItem.objects.order_by("pk").first()
    for person in (alice, bob):
        consent_menu.set_answer(user=person, item=item, answer="yes")
    letter = letters.letter_for(active_membership(bob))
    letters.send(
        letter=letter,
        sections=dict.fromkeys(Letter_SECTIONS, "I am sorry, plainly."),
    )
    return item


Letter_SECTIONS = ("what_i_did", "how_it_hurt", "doing_now", "will_keep_doing")


PAGES = (
    "therapists:couple",
    "therapists:journey_and_exercises",
    "therapists:journal_and_letter",
)


def page_for(client, theo, made, name="therapists:couple"):
    client.force_login(theo)
    response = client.get(reverse(name, args=[made.code]))
    assert response.status_code == 200
    return response.text


def all_pages_for(client, theo, made) -> str:
    return "".join(page_for(client, theo, made, name) for name in PAGES)


def test_with_everything_shared_the_therapist_sees_every_section(
    client, couple, alice, bob, theo, shared_things
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    overview = page_for(client, theo, made)
    for heading in ("Where they are", "Check-in trends"):
        assert heading in overview
    assert overview.count('class="trend-chart"') == 2  # side by side, one per partner
    assert "Alice's weeks as a table" in overview
    assert "Bob's weeks as a table" in overview
    journey_page = page_for(client, theo, made, "therapists:journey_and_exercises")
    assert "Their journey so far" in journey_page
    assert "Exercises" in journey_page
    journal_page = page_for(client, theo, made, "therapists:journal_and_letter")
    assert "Alice wrote this for Theo" in journal_page
    assert "Bob wrote this for Theo" in journal_page
    assert "Accountability letter" in journal_page
    assert "I am sorry, plainly." in journal_page
    assert "Not answered yet." in journal_page
    assert shared_things.label in journal_page


def test_the_overview_links_to_the_other_parts_and_each_part_marks_itself(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    for name in PAGES:
        page = page_for(client, theo, made, name)
        for other in PAGES:
            assert reverse(other, args=[made.code]) in page
        current = f'href="{reverse(name, args=[made.code])}" aria-current="page"'
        assert current in page


def test_a_part_nobody_shares_is_neither_linked_nor_filled(
    client, couple, alice, bob, theo, shared_things
):
    make_therapist(theo)
    made = full_access(
        couple, theo, alice, bob, first_choices=NOTHING, second_choices=NOTHING
    )
    overview = page_for(client, theo, made)
    assert "beyond their names" in overview
    for name in PAGES[1:]:
        assert reverse(name, args=[made.code]) not in overview
    journal_page = page_for(client, theo, made, "therapists:journal_and_letter")
    assert "haven't chosen to share journal entries" in journal_page
    assert "wrote this for Theo" not in journal_page
    assert "Accountability letter" not in journal_page


def test_sections_follow_each_partners_own_choices(
    client, couple, alice, bob, theo, shared_things
):
    make_therapist(theo)
    made = full_access(
        couple, theo, alice, bob, first_choices=EVERYTHING, second_choices=NOTHING
    )
    page = all_pages_for(client, theo, made)
    assert "Alice wrote this for Theo" in page
    assert "Bob wrote this for Theo" not in page
    assert page.count('class="trend-chart"') == 1
    # Things that belong to both show only when both chose them.
    assert "Where they are" not in page
    assert "Their journey so far" not in page
    assert "Accountability letter" not in page
    assert shared_things.label not in page


def test_only_the_newest_sent_letter_and_its_latest_answer_are_shown(
    client, couple, alice, bob, theo, shared_things
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    letter = letters.letter_for(active_membership(bob))
    letters.respond(
        version=letter.sent.get(),
        membership=active_membership(alice),
        kind="not_yet",
        missing="Words only for Bob",
    )
    page = page_for(client, theo, made, "therapists:journal_and_letter")
    assert "Answered “not yet” on" in page
    assert "Words only for Bob" not in page  # what's missing is for Bob alone
    letters.send(letter=letter, sections=dict.fromkeys(Letter_SECTIONS, "Said again"))
    page = page_for(client, theo, made, "therapists:journal_and_letter")
    assert "version 2" in page
    assert "Said again" in page
    assert "I am sorry, plainly." not in page
    assert "Not answered yet." in page


def test_an_entry_shared_only_with_the_partner_stays_out(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    entry = EntryFactory(author=alice, body="Just for Bob")
    sharing.set_sharing(entry=entry, with_partner=True, with_therapist=False)
    assert "Just for Bob" not in all_pages_for(client, theo, made)


def test_each_look_is_logged_for_the_couple(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    all_pages_for(client, theo, made)
    client.get(reverse("therapists:export", args=[made.code]))
    assert list(
        AccessEvent.objects.filter(couple_id=couple.pk).values_list("what", flat=True)
    ) == ["export", "journal_and_letter", "journey", "overview"]


def test_the_printable_summary_has_the_shared_progress_and_no_forms(
    client, couple, alice, bob, theo, shared_things
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    page = client.get(reverse("therapists:export", args=[made.code])).text
    assert "Shared progress" in page
    for section in (
        "Where they are",
        "Check-in trends",
        "Their journey so far",
        "Exercises",
        "Alice wrote this for Theo",
        "I am sorry, plainly.",
        shared_things.label,
    ):
        assert section in page
    assert "Your private notes" not in page
    assert "Suggest an exercise" not in page
    assert '<details class="trend-table" open>' in page


def test_private_notes_are_sealed_and_only_for_the_therapist_who_wrote_them(
    client, couple, alice, bob, theo, charlie
):
    from django.db import connection

    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    response = client.post(
        reverse("therapists:add_note", args=[made.code]),
        {"body": "Hold the pace gently"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="notes">')
    assert "Hold the pace gently" in response.text
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM therapists_therapistnote")
        assert "Hold the pace gently" not in cursor.fetchone()[0]
    for person in (alice, bob):
        client.force_login(person)
        assert "Hold the pace gently" not in client.get(reverse("couples:care")).text
        assert "Hold the pace gently" not in client.get(reverse("repair:index")).text


def test_an_empty_note_is_explained(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    response = client.post(
        reverse("therapists:add_note", args=[made.code]), {"body": ""}, headers=HTMX
    )
    assert (
        response.status_code == 422
    )  # swapped into place by htmx (templates/base.html)
    assert "Write a few words first." in response.text


def test_a_note_too_long_without_htmx_comes_back_in_the_page_with_what_was_typed(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    typed = "a thought worth keeping " * 900
    response = client.post(
        reverse("therapists:add_note", args=[made.code]), {"body": typed}
    )
    assert response.status_code == 400
    assert "Your note isn't saved yet" in response.text
    assert typed.strip()[:200] in response.text
    assert "<html" in response.text  # the whole page, not a fragment
