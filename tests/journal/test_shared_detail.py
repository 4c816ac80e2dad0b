"""A partner reads a shared entry and acknowledges it: reflect, validate, a short message."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from journal.models import Acknowledgement

from .conftest import HTMX
from .factories import shared_entry

pytestmark = pytest.mark.django_db

ACK = {
    "what_i_hear": "you felt invisible at dinner",
    "makes_sense": "you'd be wary of me after everything",
    "message": "Thank you for telling me.",
}


@pytest.fixture
def entry(alice, couple):
    return shared_entry(alice, body="I felt *invisible* tonight.", tags=["flashbacks"])


def test_the_partner_reads_the_entry_with_name_and_date(client, bob, entry):
    client.force_login(bob)
    response = client.get(f"/journal/shared/{entry.code}/")
    assertContains(response, "From Alice")
    assertContains(response, "I felt <em>invisible</em> tonight.", html=True)
    assertContains(response, "Flashbacks or intrusive images")
    assertContains(response, "What I hear you saying is…")
    assertContains(
        response, "<title>Notes</title>", html=False
    )  # discreet mode, on by default


def test_acknowledging_saves_one_acknowledgement_the_author_then_sees(
    client, alice, bob, entry
):
    client.force_login(bob)
    response = client.post(f"/journal/shared/{entry.code}/", ACK)
    assertRedirects(response, f"/journal/shared/{entry.code}/")
    ack = Acknowledgement.objects.get()
    assert (ack.author, ack.entry) == (bob, entry)
    client.force_login(alice)
    assertContains(
        client.get(f"/journal/{entry.code}/"), "you felt invisible at dinner"
    )


def test_acknowledging_again_edits_the_same_one(client, bob, entry):
    client.force_login(bob)
    client.post(f"/journal/shared/{entry.code}/", ACK)
    client.post(f"/journal/shared/{entry.code}/", ACK | {"message": ""})
    ack = Acknowledgement.objects.get()
    assert ack.message == ""
    page = client.get(f"/journal/shared/{entry.code}/")
    assertContains(page, "you felt invisible at dinner")
    assertContains(page, "Update what I wrote")


def test_missing_parts_are_explained_and_what_was_typed_is_kept(client, bob, entry):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/", {"what_i_hear": "", "makes_sense": "kept"}
    )
    assertContains(response, "Start with what you heard", status_code=400)
    assertContains(response, "kept", status_code=400)
    assert not Acknowledgement.objects.exists()


def test_a_long_message_is_refused(client, bob, entry):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/", ACK | {"message": "but " * 400}
    )
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_htmx_gets_only_the_acknowledgement_panel(client, bob, entry):
    client.force_login(bob)
    response = client.post(f"/journal/shared/{entry.code}/", ACK, headers=HTMX)
    assert b"<html" not in response.content
    assertContains(response, 'id="acknowledgement-panel"')
    assertContains(response, "Alice will see it under the entry")
    fragment = client.get(f"/journal/shared/{entry.code}/", headers=HTMX)
    assert b"<html" not in fragment.content
    assertContains(fragment, 'id="shared-entry"')


def test_htmx_gets_the_panel_with_its_errors_and_what_was_typed(client, bob, entry):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/",
        {"what_i_hear": "", "makes_sense": "kept"},
        headers=HTMX,
    )
    # 422, which htmx swaps into place (templates/base.html); never the whole page.
    assertContains(response, "Start with what you heard", status_code=422)
    assertContains(response, "kept", status_code=422)
    assert b"<html" not in response.content
    assert response.text.lstrip().startswith('<section id="acknowledgement-panel"')


def test_anonymous_visitors_are_sent_to_sign_in(client, entry):
    response = client.get(f"/journal/shared/{entry.code}/")
    assert response["Location"].startswith("/accounts/login/")


def test_other_methods_are_refused(client, bob, entry):
    client.force_login(bob)
    assert client.put(f"/journal/shared/{entry.code}/").status_code == 405
