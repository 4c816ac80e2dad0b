"""The answer to a partner's letter ("I feel heard" / "Not yet") autosaves its words
(core.autosave): kept for the partner the letter is written to, alone, until the answer is sent."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.autosave import revision
from core.models import AutosavedText
from repair import letters
from repair.models import LetterResponse
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPTY = revision([""])


@pytest.fixture
def version(bob_m):
    letter = letters.letter_for(bob_m)
    return letters.send(letter=letter, sections=dict.fromkeys(letter.SECTIONS, "words"))


def url(version) -> str:
    return f"/repair/letter/versions/{version.code}/respond/draft/"


def autosave(client, version, missing, base=EMPTY):
    return client.post(url(version), {"missing": missing, "autosave_base": base})


def kept(user) -> AutosavedText | None:
    return AutosavedText.objects.filter(owner=user).first()


def test_the_partner_it_is_written_to_keeps_what_she_types(client, alice, version):
    client.force_login(alice)
    assert autosave(client, version, "Missing CANARY-resp").status_code == 200
    assert kept(alice).key == f"letter-response:{version.letter.code}"
    page = client.get("/repair/letter/")
    assertContains(page, "Missing CANARY-resp")
    assertContains(page, 'data-autosave-url="' + url(version) + '"')
    assert not LetterResponse.objects.exists()


def test_the_writer_of_the_letter_never_sees_the_words_being_typed(
    client, alice, bob, version
):
    client.force_login(alice)
    autosave(client, version, "Not sent yet CANARY-resp")
    client.force_login(bob)
    assertNotContains(client.get("/repair/letter/"), "CANARY-resp")


def test_the_writer_of_the_letter_gets_404(client, bob, version):
    client.force_login(bob)
    assert autosave(client, version, "x").status_code == 404
    assert kept(bob) is None


def test_someone_outside_the_couple_gets_404(client, charlie, version):
    client.force_login(charlie)
    assert autosave(client, version, "x").status_code == 404
    assert kept(charlie) is None


def test_a_therapist_gets_404(client, alice, bob, couple, theo, version):
    from tests.therapists.factories import full_access, make_therapist

    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    client.force_login(theo)
    assert autosave(client, version, "x").status_code == 404


def test_someone_with_no_couple_gets_404(client, version):
    client.force_login(UserFactory())
    assert autosave(client, version, "x").status_code == 404


def test_sending_the_answer_lets_the_kept_words_go(client, alice, version):
    client.force_login(alice)
    autosave(client, version, "kept")
    response = client.post(
        f"/repair/letter/versions/{version.code}/respond/",
        {"kind": "not_yet", "missing": "What's missing is this."},
    )
    assert response.status_code == 302
    assert kept(alice) is None
    assert LetterResponse.objects.get().missing == "What's missing is this."


def test_a_refused_answer_keeps_its_words_for_a_reload(client, alice, version):
    client.force_login(alice)
    response = client.post(
        f"/repair/letter/versions/{version.code}/respond/",
        {"missing": "No answer chosen CANARY-resp"},
    )
    assert response.status_code == 400
    assertContains(client.get("/repair/letter/"), "No answer chosen CANARY-resp")


def test_a_new_version_of_the_letter_keeps_what_she_was_writing(
    client, alice, bob_m, version
):
    client.force_login(alice)
    autosave(client, version, "Half an answer CANARY-resp")
    letters.send(
        letter=version.letter, sections=dict.fromkeys(version.letter.SECTIONS, "more")
    )
    assertContains(client.get("/repair/letter/"), "Half an answer CANARY-resp")
