"""The letter page: autosaved drafts, sending, and the hurt partner's answer."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.autosave import revision
from repair import letters
from repair.models import Letter, LetterResponse

from .test_letters import SECTIONS

pytestmark = pytest.mark.django_db


def test_the_writer_sees_the_guided_sections_with_autosave(client, bob, couple):
    client.force_login(bob)
    page = client.get("/repair/letter/")
    for label in [
        "What I did",
        "How I understand it hurt you",
        "What I will keep doing",
    ]:
        assertContains(page, label)
    assertContains(page, 'data-autosave-url="/repair/letter/draft/"')
    assertContains(page, "data-autosave-status")


def test_an_autosave_keeps_the_draft_on_the_server_and_says_saved(client, bob, couple):
    client.force_login(bob)
    response = client.post(
        "/repair/letter/draft/",
        {"what_i_did": "A first line", "autosave_base": revision(["", "", "", ""])},
    )
    assert response.status_code == 200
    assert response.json()["revision"] == revision(["A first line", "", "", ""])
    assert Letter.objects.get(author=bob).what_i_did == "A first line"


def test_a_draft_is_never_shown_to_the_partner(client, alice, bob_m):
    letters.save_draft(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(alice)
    assertNotContains(client.get("/repair/letter/"), "I lied for a year.")


def test_sending_with_a_missing_part_explains_and_keeps_the_words(client, bob, couple):
    client.force_login(bob)
    response = client.post("/repair/letter/send/", {**SECTIONS, "will_keep_doing": ""})
    assert response.status_code == 400
    assertContains(response, "Please write something here", status_code=400)
    assertContains(response, "I lied for a year.", status_code=400)
    assert not Letter.objects.get(author=bob).sent.exists()


def test_a_sent_letter_reaches_the_hurt_partner_who_can_feel_heard(
    client, alice, bob, couple
):
    client.force_login(bob)
    client.post("/repair/letter/send/", SECTIONS)
    client.force_login(alice)
    page = client.get("/repair/letter/")
    assertContains(page, "Bob's letter to you")
    assertContains(page, "I lied for a year.")
    assertContains(page, "I feel heard")
    version = Letter.objects.get(author=bob).sent.get()
    client.post(f"/repair/letter/versions/{version.code}/respond/", {"kind": "heard"})
    assert Letter.objects.get(author=bob).witnessed_at is not None
    client.force_login(bob)
    page = client.get("/repair/letter/")
    assertContains(page, "Alice said they feel heard.")
    # Before he changes it, the writer is told what sending a new version does to her answer.
    assertContains(page, 'id="resend-note"')
    assertContains(page, "their “I feel heard” stays with the version they read")


def test_not_yet_is_a_whole_answer_without_words(client, alice, bob, bob_m):
    version = letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(alice)
    page = client.get("/repair/letter/")
    assertContains(page, "Your response belongs to you.")
    assertContains(page, "(optional)")
    response = client.post(
        f"/repair/letter/versions/{version.code}/respond/", {"kind": "not_yet"}
    )
    assert response.status_code == 302
    assert LetterResponse.objects.get().kind == "not_yet"
    client.force_login(bob)
    page = client.get("/repair/letter/")
    assertContains(page, "Alice: “Not yet.”")
    # The writer is asked for nothing, in the plain style rather than a warning.
    assertContains(page, "Nothing needs doing now. Please don't ask Alice about it.")
    assertNotContains(page, "letter-response--not_yet")


def test_choosing_nothing_is_explained_kindly(client, alice, bob_m):
    version = letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(alice)
    response = client.post(f"/repair/letter/versions/{version.code}/respond/", {})
    assertContains(response, "Please choose one of the answers.", status_code=400)
    # Refused, the letter stays open where she was reading it.
    assertContains(
        response, '<details class="phase-detail letter-reveal" open>', status_code=400
    )
    assert not LetterResponse.objects.exists()


def test_the_letter_opens_only_when_the_reader_chooses(client, alice, bob_m):
    letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(alice)
    page = client.get("/repair/letter/").content.decode()
    reveal = page.index('<details class="phase-detail letter-reveal">')
    assert page.index("<summary>Read it now</summary>") > reveal
    # The letter's words are inside the closed reveal, nowhere before it.
    assert page.index("I lied for a year.") > reveal
    assert page.count("I lied for a year.") == 1


def test_the_writer_cannot_mark_their_own_letter_heard(client, bob, bob_m):
    version = letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(bob)
    response = client.post(
        f"/repair/letter/versions/{version.code}/respond/", {"kind": "heard"}
    )
    assert response.status_code == 403
    assert Letter.objects.get().witnessed_at is None


def test_the_hurt_partner_has_no_letter_to_draft(client, alice, couple):
    client.force_login(alice)
    assert client.post("/repair/letter/draft/", SECTIONS).status_code == 404


def test_an_outsider_sees_nothing_and_cannot_respond(client, charlie, bob_m):
    version = letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    client.force_login(charlie)
    assertNotContains(client.get("/repair/letter/"), "I lied for a year.")
    response = client.post(
        f"/repair/letter/versions/{version.code}/respond/", {"kind": "heard"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path", ["/repair/letter/", "/repair/letter/draft/", "/repair/letter/send/"]
)
def test_anonymous_visitors_are_asked_to_sign_in(client, path):
    response = client.get(path) if path == "/repair/letter/" else client.post(path)
    assert response.status_code == 302


def test_methods_are_checked(client, bob, couple):
    client.force_login(bob)
    assert client.post("/repair/letter/").status_code == 405
    assert client.get("/repair/letter/draft/").status_code == 405
    assert client.get("/repair/letter/send/").status_code == 405
