"""The private note on a pause autosaves onto that pause (core.autosave): only the person who
paused can write it, and words sent as the pause ends still land on it."""

import pytest
from pytest_django.asserts import assertContains

from core.autosave import revision
from couples import pause as pausing
from couples.access import active_membership
from couples.models import Pause
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPTY = revision([""])


@pytest.fixture
def pause(alice, couple):
    return pausing.start_pause(membership=active_membership(alice))


def url(pause) -> str:
    return f"/couples/pause/{pause.code}/note/draft/"


def autosave(client, pause, note, base=EMPTY):
    return client.post(url(pause), {"note": note, "autosave_base": base})


def test_the_person_who_paused_keeps_their_note_as_they_type(client, alice, pause):
    client.force_login(alice)
    assert autosave(client, pause, "Tired tonight CANARY-pn").status_code == 200
    assert Pause.objects.get().note == "Tired tonight CANARY-pn"
    page = client.get("/couples/pause/")
    assertContains(page, "Tired tonight CANARY-pn")
    assertContains(page, 'data-autosave-url="' + url(pause) + '"')
    assert "no-store" in page["Cache-Control"]


def test_the_partner_gets_404_and_never_sees_the_note(client, alice, bob, pause):
    client.force_login(alice)
    autosave(client, pause, "Just for me CANARY-pn")
    client.force_login(bob)
    assert (
        autosave(client, pause, "x", revision(["Just for me CANARY-pn"])).status_code
        == 404
    )
    assert Pause.objects.get().note == "Just for me CANARY-pn"
    for path in ("/", "/couples/pause/"):
        assert "CANARY-pn" not in client.get(path).content.decode()


def test_someone_outside_the_couple_gets_404(client, charlie, pause):
    client.force_login(charlie)
    assert autosave(client, pause, "x").status_code == 404
    assert Pause.objects.get().note == ""


def test_a_therapist_gets_404(client, alice, bob, couple, theo, pause):
    from tests.therapists.factories import full_access, make_therapist

    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    client.force_login(theo)
    assert autosave(client, pause, "x").status_code == 404


def test_someone_with_no_couple_gets_404(client, pause):
    client.force_login(UserFactory())
    assert autosave(client, pause, "x").status_code == 404


def test_words_sent_as_the_pause_ends_still_land_on_it(client, alice, pause):
    client.force_login(alice)
    client.post("/couples/resume/")
    assert autosave(client, pause, "Sent as I resumed CANARY-pn").status_code == 200
    assert Pause.objects.get().note == "Sent as I resumed CANARY-pn"


def test_a_save_from_an_older_page_is_refused_with_the_newest_note(
    client, alice, pause
):
    client.force_login(alice)
    autosave(client, pause, "From the phone")
    response = autosave(client, pause, "From the laptop")
    assert response.status_code == 409
    assert response.json()["fields"] == {"note": "From the phone"}
    assert Pause.objects.get().note == "From the phone"
