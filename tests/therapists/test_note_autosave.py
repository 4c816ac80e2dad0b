"""A therapist's private note autosaves as it is written (core.autosave): kept for that therapist
alone until it is saved as a note, refused like the note itself, and never logged as a look."""

import pytest
from pytest_django.asserts import assertContains

from core.autosave import revision
from core.models import AutosavedText
from couples import care
from couples.models import AccessEvent
from tests.accounts.factories import UserFactory
from therapists.models import TherapistNote

from .conftest import HTMX
from .factories import make_therapist

pytestmark = pytest.mark.django_db

EMPTY = revision([""])


def url(invite) -> str:
    return f"/therapist/couples/{invite.code}/notes/draft/"


def autosave(client, invite, body, base=EMPTY):
    return client.post(url(invite), {"body": body, "autosave_base": base})


def kept(user) -> AutosavedText | None:
    return AutosavedText.objects.filter(owner=user).first()


def test_the_therapist_keeps_a_note_as_it_is_written(client, approved_theo, granted):
    client.force_login(approved_theo)
    assert autosave(client, granted, "Session notes CANARY-tn").status_code == 200
    assert kept(approved_theo).key == f"therapist-note:{granted.code}"
    assert not TherapistNote.objects.exists()
    page = client.get(f"/therapist/couples/{granted.code}/")
    assertContains(page, "Session notes CANARY-tn")
    assertContains(page, 'data-autosave-url="' + url(granted) + '"')
    assert "no-store" in page["Cache-Control"]


def test_an_autosave_is_not_logged_as_a_look(client, approved_theo, granted):
    client.force_login(approved_theo)
    before = AccessEvent.objects.count()
    for words in ("One", "One two", "One two three"):
        autosave(client, granted, words, revision([words.rsplit(" ", 1)[0]]))
    assert AccessEvent.objects.count() == before


def test_saving_the_note_lets_the_kept_words_go(client, approved_theo, granted):
    client.force_login(approved_theo)
    autosave(client, granted, "kept")
    response = client.post(
        f"/therapist/couples/{granted.code}/notes/",
        {"body": "A note, saved."},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert kept(approved_theo) is None
    assert TherapistNote.objects.get().body == "A note, saved."
    assertContains(response, f'data-autosave-revision="{EMPTY}"')


def test_once_a_partner_stops_sharing_it_is_refused_and_says_why(
    client, alice, approved_theo, granted
):
    care.revoke_grant(invite=granted, user=alice)
    client.force_login(approved_theo)
    response = autosave(client, granted, "x")
    assert response.status_code == 403
    assert "copy it somewhere safe" in response.json()["problem"]
    assert kept(approved_theo) is None


def test_another_therapist_gets_404(client, granted):
    other = UserFactory()
    make_therapist(other)
    client.force_login(other)
    assert autosave(client, granted, "x").status_code == 404
    assert kept(other) is None


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_partners_and_outsiders_get_404(client, granted, who, request):
    person = request.getfixturevalue(who)
    client.force_login(person)
    assert autosave(client, granted, "x").status_code == 404
    assert kept(person) is None


def test_the_couple_never_sees_the_note_being_written(
    client, alice, approved_theo, granted
):
    client.force_login(approved_theo)
    autosave(client, granted, "Only mine CANARY-tn")
    client.force_login(alice)
    for path in ("/", "/couples/care/", "/couples/care/log/"):
        assert "CANARY-tn" not in client.get(path).content.decode()


def test_the_page_shows_every_saved_note_newest_first_beside_the_kept_one(
    client, approved_theo, granted
):
    client.force_login(approved_theo)
    for body in ("First note CANARY-1", "Second note CANARY-2"):
        client.post(f"/therapist/couples/{granted.code}/notes/", {"body": body})
    autosave(client, granted, "Third, being written CANARY-3")
    page = client.get(f"/therapist/couples/{granted.code}/").content.decode()
    assert page.index("CANARY-3") < page.index("CANARY-2") < page.index("CANARY-1")
    assert page.count("CANARY-3") == 1  # in the box, not among the notes
