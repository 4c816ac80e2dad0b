"""Each side of a betrayal is offered its own response words, each with its own note."""

import html
import re
import uuid

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples.models import Role
from journal import entries
from journal.models import Entry
from journal.responses import (
    AFTER_BEING_HURT,
    AFTER_BREAKING_TRUST,
    RESPONSE_NOTES,
    ResponseTag,
)
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db


def offered_on(page: str) -> set[str]:
    return set(re.findall(r'name="tags" value="([a-z_]+)"', page))


def notes_on(page: str) -> dict[str, str]:
    """Each offered word's note, read from the paragraph its checkbox points to."""
    found = {}
    for tag in offered_on(page):
        note = re.search(
            rf'value="{tag}" id="([^"]+)".*?id="\1-note">([^<]*)</p>', page, re.S
        )
        found[tag] = html.unescape(note.group(2))
    return found


def writing_page(client, person) -> str:
    client.force_login(person)
    return client.get("/journal/new/").content.decode()


def test_every_word_has_its_own_note_and_the_two_sides_share_none():
    assert set(RESPONSE_NOTES) == set(ResponseTag.values)
    assert len(set(RESPONSE_NOTES.values())) == len(RESPONSE_NOTES)
    assert not set(AFTER_BEING_HURT.tags) & set(AFTER_BREAKING_TRUST.tags)
    assert set(AFTER_BEING_HURT.tags) | set(AFTER_BREAKING_TRUST.tags) == set(
        ResponseTag.values
    )


def test_the_hurt_partner_is_offered_their_own_words_with_their_notes(
    client, alice, couple
):
    page = writing_page(client, alice)
    assert offered_on(page) == set(AFTER_BEING_HURT.tags)
    notes = notes_on(page)
    assert notes == {tag: RESPONSE_NOTES[tag] for tag in AFTER_BEING_HURT.tags}
    assert "ways people protect themselves" in page
    # Anger and checking are among the most common, and the ones people hide most.
    assert {ResponseTag.ANGER, ResponseTag.CHECKING} <= offered_on(page)
    assert "Shame" not in page
    assert "After breaking trust" not in page


def test_the_partner_who_broke_trust_is_offered_theirs_with_their_notes(
    client, bob, couple
):
    page = writing_page(client, bob)
    assert offered_on(page) == set(AFTER_BREAKING_TRUST.tags)
    assert notes_on(page) == {
        tag: RESPONSE_NOTES[tag] for tag in AFTER_BREAKING_TRUST.tags
    }
    for words in (
        "Shame",
        "Guilt",
        "Fear of hurting my partner more",
        "Fear of being unwanted",
        "The urge to defend or explain",
        "Numbness, or feeling shut off",
    ):
        assert words in page
    assert "Flashbacks or intrusive images" not in page
    assert "neither excuses nor verdicts on you" in page


def test_partners_who_both_broke_trust_are_offered_both_sides(client):
    first = UserFactory(display_name="Sam")
    pair(first, UserFactory(), first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    page = writing_page(client, first)
    assert offered_on(page) == set(ResponseTag.values)
    assert "After being hurt" in page
    assert "After breaking trust" in page
    assert "for the one who was hurt and the one who broke trust" in page


def test_a_word_saved_before_still_shows_and_survives_an_edit(
    client, alice, couple, form_keys
):
    """Alice's entry carries a word that isn't offered to her role: it is never dropped."""
    entry = entries.create_entry(
        author=alice,
        code=uuid.uuid4(),
        written_on="2026-02-01",
        body="An older entry.",
        tags=[ResponseTag.GUILT, ResponseTag.FLASHBACKS],
    )
    client.force_login(alice)
    detail = client.get(f"/journal/{entry.code}/")
    assertContains(detail, "Guilt.")
    assertContains(detail, escape(RESPONSE_NOTES[ResponseTag.GUILT]))

    edit = client.get(f"/journal/{entry.code}/edit/").content.decode()
    assert re.search(r'value="guilt"[^>]*checked', edit)
    assert "Shame" not in edit  # only the word she chose, not the whole other side

    response = client.post(
        f"/journal/{entry.code}/edit/",
        {
            "written_on": "2026-02-01",
            "body": "An older entry, edited.",
            "tags": [ResponseTag.GUILT, ResponseTag.FLASHBACKS],
            **form_keys,
        },
    )
    assertRedirects(response, f"/journal/{entry.code}/")
    assert set(Entry.objects.get(pk=entry.pk).tag_codes) == {"guilt", "flashbacks"}


def test_the_partner_who_broke_trust_saves_their_words(client, bob, couple, form_keys):
    client.force_login(bob)
    response = client.post(
        "/journal/new/",
        {
            "written_on": "2026-02-02",
            "body": "Caught myself explaining again.",
            "tags": [ResponseTag.URGE_TO_DEFEND, ResponseTag.SHAME],
            **form_keys,
        },
    )
    entry = Entry.objects.get(author=bob)
    assertRedirects(response, f"/journal/{entry.code}/")
    detail = client.get(f"/journal/{entry.code}/")
    assertContains(detail, "The urge to defend or explain.")
    assertContains(detail, escape(RESPONSE_NOTES[ResponseTag.URGE_TO_DEFEND]))


def test_the_search_offers_each_person_their_own_words(client, alice, bob, couple):
    client.force_login(bob)
    page = client.get("/journal/").content.decode()
    assertContains(client.get("/journal/"), '<option value="shame">')
    assert '<option value="flashbacks">' not in page
    client.force_login(alice)
    response = client.get("/journal/")
    assertContains(response, '<option value="flashbacks">')
    assertNotContains(response, '<option value="shame">')
