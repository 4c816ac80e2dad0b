"""An acknowledgement keeps its earlier versions visibly, like an answer: a change is shown as one,
and saving it again unchanged adds nothing."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from couples.access import active_membership
from journal import sharing
from journal.models import Acknowledgement

from .factories import shared_entry

pytestmark = pytest.mark.django_db

FIRST = {
    "what_i_hear": "you felt alone that night",
    "makes_sense": "you'd pull back after what I did",
    "message": "",
}
SECOND = {
    "what_i_hear": "you felt alone, and then ashamed of feeling it",
    "makes_sense": "you'd pull back after what I did",
    "message": "I'm here.",
}


@pytest.fixture
def entry(alice, couple):
    return shared_entry(alice)


def acknowledge(entry, bob, parts):
    return sharing.acknowledge_entry(
        entry=entry, membership=active_membership(bob), **parts
    )


def test_a_change_keeps_what_it_said_before(entry, bob):
    acknowledge(entry, bob, FIRST)
    acknowledge(entry, bob, SECOND)
    ack = Acknowledgement.objects.get()
    assert ack.what_i_hear == SECOND["what_i_hear"]
    [before] = ack.earlier_versions()
    assert before["what_i_hear"] == FIRST["what_i_hear"]
    assert before["makes_sense"] == FIRST["makes_sense"]


def test_saving_it_again_unchanged_adds_no_version(entry, bob):
    first = acknowledge(entry, bob, FIRST)
    again = acknowledge(
        entry,
        bob,
        FIRST | {"what_i_hear": FIRST["what_i_hear"].replace(" ", " ") + "\r\n"},
    )
    ack = Acknowledgement.objects.get()
    assert ack.earlier_versions() == []
    assert again.updated_at == first.updated_at


def test_earlier_versions_are_sealed_at_rest(entry, bob):
    from django.db import connection

    acknowledge(entry, bob, FIRST)
    acknowledge(entry, bob, SECOND)
    with connection.cursor() as cursor:
        cursor.execute("SELECT earlier FROM journal_acknowledgement")
        (raw,) = cursor.fetchone()
    assert "felt alone" not in raw


def test_the_author_sees_that_it_changed_and_what_it_said_before(
    client, entry, alice, bob
):
    acknowledge(entry, bob, FIRST)
    client.force_login(alice)
    page = client.get(f"/journal/{entry.code}/")
    assertNotContains(page, "This was changed")
    acknowledge(entry, bob, SECOND)
    page = client.get(f"/journal/{entry.code}/")
    assertContains(page, "This was changed")
    assertContains(page, "What it said before")
    assertContains(page, "you felt alone that night")
    assertContains(page, "you felt alone, and then ashamed of feeling it")


def test_the_writer_sees_their_own_earlier_versions(client, entry, bob):
    acknowledge(entry, bob, FIRST)
    acknowledge(entry, bob, SECOND)
    client.force_login(bob)
    page = client.get(f"/journal/shared/{entry.code}/")
    assertContains(page, "This was changed")
    assertContains(page, "you felt alone that night")


def test_an_unchanged_save_shows_no_change(client, entry, alice, bob):
    acknowledge(entry, bob, FIRST)
    acknowledge(entry, bob, FIRST)
    client.force_login(alice)
    assertNotContains(client.get(f"/journal/{entry.code}/"), "This was changed")
