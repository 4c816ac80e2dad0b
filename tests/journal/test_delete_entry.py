"""Deleting an entry: a confirmation page, then real deletion."""

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertRedirects

from couples.access import active_membership
from journal import sharing
from journal.models import Acknowledgement, Entry, EntryTag

from .conftest import HTMX
from .factories import EntryFactory, shared_entry

pytestmark = pytest.mark.django_db


def test_the_confirmation_page_says_what_will_happen(client, alice):
    entry = EntryFactory(author=alice)
    client.force_login(alice)
    response = client.get(f"/journal/{entry.code}/delete/")
    assertContains(response, "Delete this entry?")
    assertContains(response, "This can't be undone")
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_deleting_removes_the_row_and_its_tags_but_not_the_partners_acknowledgement(
    client, alice, bob, couple
):
    entry = shared_entry(alice, tags=["flashbacks"])
    sharing.acknowledge_entry(
        entry=entry, membership=active_membership(bob), what_i_hear="a", makes_sense="b"
    )
    client.force_login(alice)
    response = client.post(f"/journal/{entry.code}/delete/")
    assertRedirects(response, "/journal/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM journal_entry WHERE id = %s", [entry.pk])
        assert cursor.fetchone()[0] == 0
    assert not EntryTag.objects.exists()
    # Bob's acknowledgement is his own writing: it stays with him, pointing at nothing.
    assert Acknowledgement.objects.get(author=bob).entry_id is None
    client.force_login(bob)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404


def test_htmx_gets_only_the_confirmation(client, alice):
    entry = EntryFactory(author=alice)
    client.force_login(alice)
    response = client.get(f"/journal/{entry.code}/delete/", headers=HTMX)
    assert b"<html" not in response.content
    assert b'id="delete-panel"' in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client, alice):
    entry = EntryFactory(author=alice)
    response = client.post(f"/journal/{entry.code}/delete/")
    assert response["Location"].startswith("/accounts/login/")
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_other_methods_are_refused(client, alice):
    entry = EntryFactory(author=alice)
    client.force_login(alice)
    assert client.delete(f"/journal/{entry.code}/delete/").status_code == 405
    assert Entry.objects.filter(pk=entry.pk).exists()
