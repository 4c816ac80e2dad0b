"""The draft endpoint: saves as people type, never overwrites another window's version."""

import uuid

import pytest
from pytest_django.asserts import assertContains

from core.autosave import revision
from journal.models import Draft

from .conftest import HTMX
from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def save(client, keys, url="/journal/autosave/", **fields):
    return client.post(url, {**keys, **fields}, headers=HTMX)


def test_the_first_keystrokes_make_a_draft_and_later_ones_update_it(
    client, alice, form_keys
):
    client.force_login(alice)
    response = save(client, form_keys, body="I", tags=["avoidance"], mood="numb")
    assert response.json()["set"]["revision"] == 1
    assert "state" not in response.json()  # plainly saved
    draft = Draft.objects.get()
    assert str(draft.code) == form_keys["draft"]
    assert (draft.body, draft.tags, draft.mood) == ("I", ["avoidance"], "numb")
    response = save(client, form_keys | {"revision": "1"}, body="I am here")
    assert response.json()["set"]["revision"] == 2
    assert response.json()["revision"] == revision(["I am here", ""])
    draft.refresh_from_db()
    assert (draft.body, draft.revision) == ("I am here", 2)


def test_a_stale_revision_from_another_window_keeps_both_versions(
    client, alice, form_keys
):
    client.force_login(alice)
    save(client, form_keys, body="first")
    save(client, form_keys | {"revision": "1"}, body="first, carried on")
    other_window = form_keys | {"revision": "1", "window": str(uuid.uuid4())}
    response = save(client, other_window, body="first, but differently")
    assert response.json()["state"] == "conflict"
    assertContains(response, "we kept both versions")
    original, copy = Draft.objects.order_by("created_at")
    assert original.body == "first, carried on"
    assert copy.body == "first, but differently"
    assert copy.is_conflict_copy
    assert response.json()["set"]["draft"] == str(copy.code)


def test_a_lost_response_retried_from_the_same_window_is_not_a_conflict(
    client, alice, form_keys
):
    client.force_login(alice)
    save(client, form_keys, body="one")
    save(client, form_keys | {"revision": "1"}, body="one two")  # answer never arrived
    response = save(client, form_keys | {"revision": "1"}, body="one two three")
    assert response.status_code == 200
    assert "state" not in response.json()
    assert Draft.objects.get().body == "one two three"


def test_a_save_after_the_entry_was_saved_elsewhere_makes_a_copy_only_if_new(
    client, alice, form_keys
):
    client.force_login(alice)
    save(client, form_keys, body="done")
    client.post(
        "/journal/new/",
        {**form_keys, "revision": "1", "written_on": "2026-01-01", "body": "done"},
    )
    assert not Draft.objects.exists()
    save(client, form_keys | {"revision": "1"}, body="done")
    assert not Draft.objects.exists()
    save(client, form_keys | {"revision": "1"}, body="done, and more")
    assert Draft.objects.get().body == "done, and more"


def test_changes_to_an_entry_are_drafted_without_touching_it(client, alice, form_keys):
    entry = EntryFactory(author=alice, body="as saved")
    client.force_login(alice)
    save(client, form_keys, url=f"/journal/{entry.code}/autosave/", body="as typed")
    draft = Draft.objects.get()
    assert draft.entry == entry
    entry.refresh_from_db()
    assert entry.body == "as saved"


def test_a_nul_character_is_not_saved_and_says_why(client, alice, form_keys):
    client.force_login(alice)
    response = save(client, form_keys, body="a\x00b")
    assert response.status_code == 400
    assert "invisible “null” character" in response.json()["problem"]
    assert not Draft.objects.exists()


def test_a_bad_date_or_mood_does_not_stop_the_text_being_kept(client, alice, form_keys):
    client.force_login(alice)
    save(client, form_keys, body="kept", written_on="not a date", mood="furious")
    draft = Draft.objects.get()
    assert (draft.body, draft.written_on, draft.mood) == ("kept", None, "")


def test_missing_keys_are_a_bad_request(client, alice):
    client.force_login(alice)
    assert client.post("/journal/autosave/", {"body": "x"}).status_code == 400
    assert not Draft.objects.exists()


def test_it_answers_with_the_saved_revision_and_the_page_to_reload(
    client, alice, form_keys
):
    client.force_login(alice)
    response = save(client, form_keys, body="x")
    assert response["Content-Type"] == "application/json"
    assert response.json()["url"] == f"/journal/new/?draft={form_keys['draft']}"


def test_anonymous_visitors_are_sent_to_sign_in(client, form_keys):
    response = client.post("/journal/autosave/", {**form_keys, "body": "x"})
    assert response["Location"].startswith("/accounts/login/")
    assert not Draft.objects.exists()


def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    assert client.get("/journal/autosave/").status_code == 405
