"""A partner's acknowledgement of a shared entry autosaves (core.autosave): kept for its writer
alone as it is typed, shown again on a reload, and let go once it is sent."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.autosave import revision
from core.models import AutosavedText
from couples.access import active_membership
from journal import sharing
from journal.models import Acknowledgement
from tests.accounts.factories import UserFactory

from .conftest import HTMX
from .factories import shared_entry

pytestmark = pytest.mark.django_db

FIELDS = ("what_i_hear", "makes_sense", "message")
EMPTY = revision(["", "", ""])


@pytest.fixture
def entry(alice, couple):
    return shared_entry(alice)


def url(entry) -> str:
    return f"/journal/shared/{entry.code}/acknowledgement/draft/"


def autosave(client, entry, base=EMPTY, **parts):
    return client.post(url(entry), {**parts, "autosave_base": base})


def kept(user) -> AutosavedText | None:
    return AutosavedText.objects.filter(owner=user).first()


def test_the_partner_it_is_shared_with_keeps_what_they_type(client, entry, bob):
    client.force_login(bob)
    response = autosave(client, entry, what_i_hear="You felt alone CANARY-ack")
    assert response.status_code == 200
    assert kept(bob).key == f"acknowledgement:{entry.code}"
    page = client.get(f"/journal/shared/{entry.code}/")
    assertContains(page, "You felt alone CANARY-ack")
    assertContains(page, 'data-autosave-url="' + url(entry) + '"')


def test_what_is_being_typed_is_not_sent_and_the_author_never_sees_it(
    client, entry, alice, bob
):
    client.force_login(bob)
    autosave(client, entry, what_i_hear="Only half written CANARY-ack")
    assert not Acknowledgement.objects.exists()
    client.force_login(alice)
    assertNotContains(client.get(f"/journal/{entry.code}/"), "CANARY-ack")


def test_the_author_of_the_entry_gets_404(client, entry, alice):
    client.force_login(alice)
    assert autosave(client, entry, what_i_hear="x").status_code == 404
    assert kept(alice) is None


def test_someone_outside_the_couple_gets_404(client, entry, charlie):
    client.force_login(charlie)
    assert autosave(client, entry, what_i_hear="x").status_code == 404
    assert kept(charlie) is None


def test_a_therapist_gets_404_even_when_the_entry_is_shared_with_them(
    client, alice, bob, couple, theo
):
    from tests.therapists.factories import full_access, make_therapist

    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    entry = sharing.set_sharing(
        entry=shared_entry(alice), with_partner=True, with_therapist=True
    )
    client.force_login(theo)
    assert autosave(client, entry, what_i_hear="x").status_code == 404
    assert kept(theo) is None


def test_an_entry_no_longer_shared_gets_404(client, entry, bob):
    sharing.set_sharing(entry=entry, with_partner=False, with_therapist=False)
    client.force_login(bob)
    assert autosave(client, entry, what_i_hear="x").status_code == 404


def test_sending_it_lets_the_kept_words_go(client, entry, bob):
    client.force_login(bob)
    autosave(client, entry, what_i_hear="kept")
    response = client.post(
        f"/journal/shared/{entry.code}/",
        {"what_i_hear": "I hear you", "makes_sense": "It makes sense"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert kept(bob) is None
    # The new form starts from what was sent, saved as far as autosave is concerned.
    sent = revision(["I hear you", "It makes sense", ""])
    assertContains(response, f'data-autosave-revision="{sent}"')


def test_a_refused_send_keeps_what_was_typed_for_a_reload(client, entry, bob):
    client.force_login(bob)
    response = client.post(
        f"/journal/shared/{entry.code}/",
        {"what_i_hear": "Only this much CANARY-ack", "message": "but " * 400},
        headers=HTMX,
    )
    assert response.status_code == 422  # the message is too long to send
    assertContains(
        client.get(f"/journal/shared/{entry.code}/"),
        "Only this much CANARY-ack",
        status_code=200,
    )


def test_typing_a_change_adds_no_version_until_it_is_sent(client, entry, bob):
    sharing.acknowledge_entry(
        entry=entry,
        membership=active_membership(bob),
        what_i_hear="first",
        makes_sense="first",
    )
    client.force_login(bob)
    base = revision(["first", "first", ""])
    assert (
        autosave(
            client, entry, base, what_i_hear="changing", makes_sense="first"
        ).status_code
        == 200
    )
    ack = Acknowledgement.objects.get()
    assert ack.what_i_hear == "first"
    assert ack.earlier_versions() == []


def test_the_writing_page_is_never_cached(client, entry, bob):
    client.force_login(bob)
    assert "no-store" in client.get(f"/journal/shared/{entry.code}/")["Cache-Control"]


def test_signed_out_autosaves_go_to_sign_in(client, entry):
    response = autosave(client, entry, what_i_hear="x")
    assert response.status_code == 302


def test_someone_with_no_couple_gets_404(client, entry):
    client.force_login(UserFactory())
    assert autosave(client, entry, what_i_hear="x").status_code == 404


def test_the_hurt_partners_one_box_autosaves(client, alice, bob, couple):
    """Alice, who was hurt, has only the open box; it saves as she types, as the guided ones do."""
    bobs = shared_entry(bob)
    client.force_login(alice)
    page = client.get(f"/journal/shared/{bobs.code}/")
    base = re.search(r'data-autosave-revision="([^"]+)"', page.text).group(1)
    response = client.post(
        f"/journal/shared/{bobs.code}/acknowledgement/draft/",
        {"message": "Thank you CANARY-hurt", "autosave_base": base},
    )
    assert response.status_code == 200
    assert response.json()["revision"] == revision(["Thank you CANARY-hurt"])
    assertContains(client.get(f"/journal/shared/{bobs.code}/"), "CANARY-hurt")
