"""Principle 11 and R16: after a couple ends (one partner leaves, or deletes their account) each
person still reads their own letter, questions, answers, responses and acknowledgements, and
nothing the other person wrote. Labels stop saying a thing is shared with a partner."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from couples.access import active_membership
from journal import sharing
from journal.models import Acknowledgement
from repair import letters, questions
from repair.models import AnswerVersion, LetterResponse
from tests.accounts.factories import PASSWORD
from tests.journal.factories import shared_entry

pytestmark = pytest.mark.django_db

SENT = dict.fromkeys(letters.Letter.SECTIONS, "Bob's sent words")
DRAFT = dict.fromkeys(letters.Letter.SECTIONS, "Bob's unsent draft words")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def leave(user, couple) -> None:
    response = signed_in(user).post(reverse("couples:leave", args=[couple.code]))
    assert response.status_code == 302
    assert active_membership(user) is None


def delete_account(user) -> None:
    response = signed_in(user).post(reverse("privacy:delete"), {"password": PASSWORD})
    assert response["Location"] == reverse("privacy:deleted")


@pytest.fixture
def letter_and_answer(alice, bob, couple):
    """Bob sent a letter and keeps a newer draft; Alice answered "Not yet"."""
    bob_m, alice_m = active_membership(bob), active_membership(alice)
    letter = letters.letter_for(bob_m)
    version = letters.send(letter=letter, sections=SENT)
    letters.save_draft(letter=letter, sections=DRAFT)
    letters.respond(
        version=version,
        membership=alice_m,
        kind="not_yet",
        missing="Alice's words on what is missing",
    )


@pytest.fixture
def question_and_answers(alice, bob, couple):
    """Alice asked; Bob answered, then changed his answer."""
    bob_m, alice_m = active_membership(bob), active_membership(alice)
    question = questions.ask(membership=alice_m, text="Alice's own question")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    questions.answer(question=question, membership=bob_m, text="Bob's first answer")
    questions.answer(question=question, membership=bob_m, text="Bob's second answer")


@pytest.fixture
def acknowledged_entry(alice, bob, couple):
    entry = shared_entry(alice, body="Alice shared this entry body")
    sharing.acknowledge_entry(
        entry=entry,
        membership=active_membership(bob),
        what_i_hear="Bob hears this",
        makes_sense="Bob says it makes sense",
        message="Bob's extra message",
    )
    return entry


@pytest.mark.parametrize("leaver", ["alice", "bob"])
def test_after_leaving_each_reads_their_own_letter_writing_and_none_of_the_others(
    request, letter_and_answer, alice, bob, couple, leaver
):
    leave(request.getfixturevalue(leaver), couple)

    bobs_page = signed_in(bob).get(reverse("repair:letter"))
    assertContains(bobs_page, "Bob&#x27;s unsent draft words")
    assertContains(bobs_page, "Bob&#x27;s sent words")
    assertContains(bobs_page, "Version 1")
    assertNotContains(bobs_page, "Alice&#x27;s words on what is missing")
    assertNotContains(bobs_page, "Not yet")

    alices_page = signed_in(alice).get(reverse("repair:letter"))
    assertContains(alices_page, "Alice&#x27;s words on what is missing")
    assertContains(alices_page, "“Not yet.”")
    assertContains(alices_page, "Your answer to version 1 of a letter written to you.")
    assertNotContains(alices_page, "Bob&#x27;s sent words")
    assertNotContains(alices_page, "Bob&#x27;s unsent draft words")
    # Nothing to write or answer any more: the page is for reading.
    for page in (bobs_page, alices_page):
        assertNotContains(page, 'action="/repair/letter/')


@pytest.mark.parametrize("leaver", ["alice", "bob"])
def test_after_leaving_the_asker_reads_their_questions_and_the_answerer_their_answers(
    request, question_and_answers, alice, bob, couple, leaver
):
    leave(request.getfixturevalue(leaver), couple)

    alices_page = signed_in(alice).get(reverse("repair:questions"))
    assertContains(alices_page, "Alice&#x27;s own question")
    assertNotContains(alices_page, "Bob&#x27;s first answer")
    assertNotContains(alices_page, "Bob&#x27;s second answer")

    bobs_page = signed_in(bob).get(reverse("repair:questions"))
    assertContains(bobs_page, "Bob&#x27;s second answer")
    # The answer as given, with the correction added beside it.
    assertContains(bobs_page, "Bob&#x27;s first answer")
    assertContains(bobs_page, "Your answer to a question you were asked on")
    assertNotContains(bobs_page, "Alice&#x27;s own question")
    for page in (bobs_page, alices_page):
        assertNotContains(page, 'action="/repair/questions/')


def test_after_leaving_the_partner_reads_their_acknowledgement_without_the_entry(
    acknowledged_entry, alice, bob, couple
):
    leave(alice, couple)

    bobs_page = signed_in(bob).get(reverse("journal:shared"))
    assertContains(bobs_page, "What you wrote back")
    assertContains(bobs_page, "Bob hears this")
    assertContains(bobs_page, "Bob says it makes sense")
    assertContains(bobs_page, "Bob&#x27;s extra message")
    assertNotContains(bobs_page, "Alice shared this entry body")
    assert (
        signed_in(bob)
        .get(reverse("journal:shared_entry", args=[acknowledged_entry.code]))
        .status_code
        == 404
    )

    alices_page = signed_in(alice).get(
        reverse("journal:entry", args=[acknowledged_entry.code])
    )
    assertContains(alices_page, "Alice shared this entry body")
    assertNotContains(alices_page, "Bob hears this")


def test_the_letter_writer_deleting_their_account_leaves_the_hurt_partners_not_yet(
    letter_and_answer, alice, bob
):
    delete_account(bob)

    response = LetterResponse.objects.get(responder=alice)
    assert response.version_id is None
    page = signed_in(alice).get(reverse("repair:letter"))
    assertContains(page, "Alice&#x27;s words on what is missing")
    assertContains(page, "A response you wrote to a letter that is no longer here.")
    assertNotContains(page, "Bob&#x27;s sent words")
    export = signed_in(alice).get(reverse("privacy:export"))
    assertContains(export, "Alice&#x27;s words on what is missing")


def test_the_asker_deleting_their_account_leaves_the_answers_with_their_writer(
    question_and_answers, alice, bob
):
    delete_account(alice)

    assert AnswerVersion.objects.filter(author=bob, question__isnull=True).count() == 2
    page = signed_in(bob).get(reverse("repair:questions"))
    assertContains(page, "Bob&#x27;s second answer")
    assertContains(page, "An answer you wrote to a question that is no longer here")
    assertNotContains(page, "Alice&#x27;s own question")


def test_the_entry_writer_deleting_their_account_leaves_the_acknowledgement(
    acknowledged_entry, alice, bob
):
    delete_account(alice)

    assert Acknowledgement.objects.get(author=bob).entry_id is None
    page = signed_in(bob).get(reverse("journal:shared"))
    assertContains(page, "Bob hears this")
    assertContains(page, "an entry that is no longer here")


def test_someone_who_never_wrote_here_finds_no_letter_or_question_box(bob, couple):
    leave(bob, couple)
    client = signed_in(bob)
    assert client.get(reverse("repair:letter")).status_code == 404
    assert client.get(reverse("repair:questions")).status_code == 404


# Labels -----------------------------------------------------------------------------------------


def test_the_shared_label_says_the_couple_ended_once_it_has(
    acknowledged_entry, alice, couple
):
    client = signed_in(alice)
    assertContains(client.get(reverse("journal:index")), "Shared with your partner")
    detail = client.get(reverse("journal:entry", args=[acknowledged_entry.code]))
    assertContains(detail, "You and Bob.")

    leave(alice, couple)

    index = client.get(reverse("journal:index"))
    assertNotContains(index, "Shared with your partner")
    assertContains(index, "Shared before your couple ended: only you now")
    detail = client.get(reverse("journal:entry", args=[acknowledged_entry.code]))
    assertNotContains(detail, "You and Bob.")
    assertNotContains(detail, "You and your partner")
    assertContains(detail, "since the couple ended, nobody else can read it")


def test_the_shared_label_says_so_after_the_partner_deletes_their_account(
    acknowledged_entry, alice, bob
):
    delete_account(bob)

    index = signed_in(alice).get(reverse("journal:index"))
    assertNotContains(index, "Shared with your partner")
    assertContains(index, "Shared before your couple ended: only you now")
