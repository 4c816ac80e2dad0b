"""The export as a readable document: headings, dates and the person's own words, as a page to print
and as one file to save, holding exactly what the JSON export holds and nothing of the partner's."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertRedirects

from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS
from couples.access import active_membership
from journal import sharing
from privacy import ownership, readable_export
from tests.journal.factories import EntryFactory

pytestmark = pytest.mark.django_db

ALICE_WORDS = (
    "I walked by the river & thought about <what we said>.\nIt helped, a little."
)
BOB_PRIVATE = "Bob's private entry, for nobody else"
BOB_SHARED = "Bob shared this one with Alice"
BOB_NOTE = "Bob's private check-in note"


@pytest.fixture
def written(couple, alice, bob):
    EntryFactory(author=alice, body=ALICE_WORDS, written_on=datetime.date(2026, 3, 1))
    EntryFactory(author=bob, body=BOB_PRIVATE)
    shared = EntryFactory(author=bob, body=BOB_SHARED)
    sharing.set_sharing(entry=shared, with_partner=True, with_therapist=False)
    record_checkin(
        user=bob,
        membership=active_membership(bob),
        light="yellow",
        scores=dict.fromkeys(SAFETY_FIELDS, 3),
        note=BOB_NOTE,
    )


def document(client, person, name="privacy:export_document") -> str:
    client.force_login(person)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.text


def test_a_partner_reads_their_own_words_under_headings_and_dates(
    client, alice, written
):
    page = document(client, alice)
    assert "<h1>Your data in Mend</h1>" in page
    assert ">Journal entries</h2>" in page
    assert "Sunday 1 March 2026" in page
    assert escape(ALICE_WORDS) in page
    assert (
        'id="quick-exit"' in page
    )  # the on-screen page keeps the header's safety controls


def test_the_other_partners_writing_never_appears(client, alice, written):
    for name in ("privacy:export_document", "privacy:export_document_download"):
        page = document(client, alice, name)
        for theirs in (BOB_PRIVATE, BOB_SHARED, BOB_NOTE):
            assert escape(theirs) not in page
            assert theirs not in page


def test_an_outsider_sees_only_their_own(client, charlie, alice, written):
    page = document(client, charlie)
    for theirs in (ALICE_WORDS, BOB_PRIVATE, BOB_SHARED, BOB_NOTE):
        assert escape(theirs) not in page
    assert charlie.email in page
    assert alice.email not in page


def test_it_holds_every_text_the_json_holds(client, alice, written):
    page = document(client, alice)
    export = ownership.export_for(alice)
    for section in export["sections"]:
        if section["rows"]:
            assert escape(section["title"]) in page, section["title"]
    parts = readable_export.document_for(export)
    words = [text for part in parts for item in part.items for _, text in item.words]
    assert ALICE_WORDS in words
    for text in words:
        assert escape(text) in page


def test_the_download_is_one_page_that_reads_on_its_own(client, alice, written):
    client.force_login(alice)
    response = client.get(reverse("privacy:export_document_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.html"'
    page = response.text
    assert "<title>My data</title>" in page  # neutral, for a shared Downloads folder
    assert "<style>" in page
    assert "site-header" not in page
    assert escape(ALICE_WORDS) in page


def test_the_data_page_offers_the_document_beside_the_json(client, alice):
    page = document(client, alice, "privacy:export")
    assert reverse("privacy:export_document") in page
    assert reverse("privacy:export_download") in page


@pytest.mark.parametrize(
    "name", ["privacy:export_document", "privacy:export_document_download"]
)
def test_it_needs_the_person_signed_in(client, name):
    response = client.get(reverse(name))
    assertRedirects(
        response,
        f"{reverse('account_login')}?next={reverse(name)}",
        fetch_redirect_response=False,
    )


@pytest.mark.parametrize(
    "name", ["privacy:export_document", "privacy:export_document_download"]
)
def test_it_only_answers_reading(client, alice, name):
    client.force_login(alice)
    assert client.post(reverse(name)).status_code == 405
