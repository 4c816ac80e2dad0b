"""After leaving, the Repair page leads each person to their own writing, and shows their own
reflections, read only; never a word the former partner wrote, and no "shared with" label."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from checkins.session_lights import set_light
from couples.pairing import leave_couple
from privacy import ownership
from repair import letters, questions, reflections, sessions
from repair.models import ExerciseSession

pytestmark = pytest.mark.django_db

INDEX = reverse("repair:index")
LETTER = reverse("repair:letter")
QUESTIONS = reverse("repair:questions")


@pytest.fixture
def written(alice, bob, alice_m, bob_m, talk_exercise):
    """Bob drafted a letter; Alice asked a question and Bob answered; after a session each wrote
    a reflection, and Bob shared his."""
    letters.save_draft(
        letter=letters.letter_for(bob_m), sections={"what_i_did": "Bob's draft words"}
    )
    question = questions.ask(membership=alice_m, text="Alice's own question")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    questions.answer(question=question, membership=bob_m, text="Bob's own answer")
    session = sessions.invite(membership=alice_m, exercise=talk_exercise)
    sessions.accept(session=session, user=bob)
    set_light(session=session, user=alice, light="green")
    set_light(session=session, user=bob, light="green")
    session = sessions.end(session=ExerciseSession.objects.get(pk=session.pk), user=bob)
    for person, words, share in (
        (alice, "Alice noticed her breathing", False),
        (bob, "Bob noticed his hands", True),
    ):
        reflections.save_reflection(
            session=session, user=person, safety=4, noticed=words, share=share
        )


def _page(client, user):
    client.force_login(user)
    return client.get(INDEX)


@pytest.mark.parametrize("leaver", ["alice", "bob"])
def test_after_leaving_the_repair_page_leads_each_to_their_own_writing(
    client, request, written, alice, bob, leaver
):
    leave_couple(user=request.getfixturevalue(leaver))

    alices = _page(client, alice)
    assertContains(alices, "What you wrote here")
    assertContains(alices, f'href="{QUESTIONS}"')
    assertNotContains(alices, f'href="{LETTER}"')  # she wrote no letter and no answer
    assertContains(alices, "Alice noticed her breathing")
    assertNotContains(alices, "Bob noticed his hands")  # shared with her once; his

    bobs = _page(client, bob)
    assertContains(bobs, f'href="{LETTER}"')
    assertContains(bobs, f'href="{QUESTIONS}"')
    assertContains(bobs, "Bob noticed his hands")
    assertNotContains(bobs, "Alice noticed her breathing")
    for page in (alices, bobs):
        assertNotContains(page, "Shared with")
        assertNotContains(page, "shared with your partner")
        assert page.status_code == 200


def test_each_link_opens_a_page_of_their_own_words(client, written, alice, bob):
    leave_couple(user=alice)
    client.force_login(bob)
    assertContains(client.get(LETTER), "Bob&#x27;s draft words")
    page = client.get(QUESTIONS)
    assertContains(page, "Bob&#x27;s own answer")
    assertNotContains(page, "Alice&#x27;s own question")


def test_after_the_partner_deletes_their_account_the_survivor_still_finds_their_writing(
    client, written, alice, bob
):
    ownership.delete_account(user=bob)
    page = _page(client, alice)
    assertContains(page, f'href="{QUESTIONS}"')
    assertContains(page, "Alice noticed her breathing")
    assertNotContains(page, "Bob")


def test_someone_who_never_wrote_anything_sees_no_list(client, charlie):
    leave_couple(user=charlie)
    page = _page(client, charlie)
    assertNotContains(page, "What you wrote here")
