"""The quick-exit beacon: it saves the unsaved writing it carries, then always ends the session."""

import uuid

import pytest

from couples.access import active_membership
from couples.pause import open_pause_for
from journal.models import Draft
from tests.journal.factories import EntryFactory

pytestmark = pytest.mark.django_db


def writing(**fields) -> dict:
    keys = {"draft": str(uuid.uuid4()), "revision": "0", "window": str(uuid.uuid4())}
    return keys | {"autosave": "/journal/autosave/", "body": "Still mine."} | fields


def assert_signed_out(client) -> None:
    assert client.get("/").wsgi_request.user.is_anonymous


def test_it_saves_the_writing_it_carries_and_then_signs_out(client, alice):
    client.force_login(alice)
    assert client.post("/safety/exit/", writing()).status_code == 204
    draft = Draft.objects.get()
    assert (draft.author, draft.body, draft.entry) == (alice, "Still mine.", None)
    assert_signed_out(client)


def test_it_saves_changes_to_an_entry_as_that_entry_s_draft(client, alice):
    entry = EntryFactory(author=alice, body="Before.")
    client.force_login(alice)
    fields = writing(autosave=f"/journal/{entry.code}/autosave/", body="After.")
    assert client.post("/safety/exit/", fields).status_code == 204
    draft = Draft.objects.get()
    assert (draft.entry, draft.body) == (entry, "After.")
    assert_signed_out(client)


def test_it_saves_nothing_into_someone_else_s_entry_and_still_signs_out(
    client, alice, bob
):
    entry = EntryFactory(author=bob)
    client.force_login(alice)
    fields = writing(autosave=f"/journal/{entry.code}/autosave/")
    assert client.post("/safety/exit/", fields).status_code == 204
    assert not Draft.objects.exists()
    assert_signed_out(client)


def test_it_only_ever_saves_journal_writing(client, alice, couple):
    client.force_login(alice)
    assert (
        client.post("/safety/exit/", writing(autosave="/couples/pause/")).status_code
        == 204
    )
    assert open_pause_for(active_membership(alice)) is None
    assert_signed_out(client)


def test_writing_it_can_t_save_never_stops_the_sign_out(client, alice):
    client.force_login(alice)
    for fields in [
        writing(revision="not a number"),
        writing(autosave="https://elsewhere.example/journal/autosave/"),
        writing(body="\x00"),
    ]:
        assert client.post("/safety/exit/", fields).status_code == 204
        assert_signed_out(client)
        client.force_login(alice)


def test_it_saves_nothing_for_someone_signed_out(client):
    assert client.post("/safety/exit/", writing()).status_code == 204
    assert not Draft.objects.exists()
