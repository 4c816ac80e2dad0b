"""A partner reads a shared entry and acknowledges it: reflect, validate, a short message."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

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


def test_every_part_is_optional_so_any_words_are_enough(client, bob, entry):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/", {"what_i_hear": "", "makes_sense": "kept"}
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get()
    assert (ack.what_i_hear, ack.makes_sense, ack.message) == ("", "kept", "")


def test_ive_read_it_sends_a_plain_acknowledgement_in_one_tap(
    client, alice, bob, entry
):
    client.force_login(bob)
    page = client.get(f"/journal/shared/{entry.code}/")
    assertContains(page, 'name="just_read"')
    assertContains(page, "I've read it")
    response = client.post(f"/journal/shared/{entry.code}/", {"just_read": "1"})
    assertRedirects(response, f"/journal/shared/{entry.code}/")
    ack = Acknowledgement.objects.get()
    assert (ack.what_i_hear, ack.makes_sense, ack.message) == ("", "", "")
    assert ack.author == bob
    # Alice sees that it was read, with no empty headings asking for more.
    client.force_login(alice)
    mine = client.get(f"/journal/{entry.code}/")
    assertContains(mine, "No words were added, and none are needed.")
    assertNotContains(mine, "It makes sense that…")


def test_the_one_tap_works_over_htmx_too(client, bob, entry):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/", {"just_read": "1"}, headers=HTMX
    )
    assertContains(response, "Alice will see it under the entry")
    assert Acknowledgement.objects.count() == 1


def test_the_partner_who_was_hurt_is_never_asked_why_it_makes_sense(
    client, alice, bob, couple
):
    """Bob broke trust and shares an entry; Alice reads it and is asked to look after no one."""
    bobs = shared_entry(bob, body="I keep thinking about what I did.")
    client.force_login(alice)
    page = client.get(f"/journal/shared/{bobs.code}/")
    assertNotContains(page, "makes sense")
    assertNotContains(page, "What I hear you saying")
    assertContains(page, "Anything you&#x27;d like to say (optional)")
    assertContains(page, 'data-autosave-fields="message"')
    assertContains(page, "I've read it")
    response = client.post(f"/journal/shared/{bobs.code}/", {"message": ""})
    assert response.status_code == 302
    assert Acknowledgement.objects.get().author == alice


def test_the_partner_who_broke_trust_still_sees_the_guided_prompts(client, bob, entry):
    client.force_login(bob)
    page = client.get(f"/journal/shared/{entry.code}/")
    assertContains(page, "It makes sense that… (optional)")
    assertContains(page, "What I hear you saying is… (optional)")
    assertContains(page, 'data-autosave-fields="what_i_hear makes_sense message"')


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
        {"makes_sense": "kept", "message": "but " * 400},
        headers=HTMX,
    )
    # 422, which htmx swaps into place (templates/base.html); never the whole page.
    assertContains(response, "Nothing was sent yet.", status_code=422)
    assertContains(response, "kept", status_code=422)
    assert b"<html" not in response.content
    assert response.text.lstrip().startswith('<section id="acknowledgement-panel"')


def test_anonymous_visitors_are_sent_to_sign_in(client, entry):
    response = client.get(f"/journal/shared/{entry.code}/")
    assert response["Location"].startswith("/accounts/login/")


def test_other_methods_are_refused(client, bob, entry):
    client.force_login(bob)
    assert client.put(f"/journal/shared/{entry.code}/").status_code == 405
