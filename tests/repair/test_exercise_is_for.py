"""An exercise's page knows who it is for, and links to the tools its text names."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from couples.models import Role
from repair.models import Exercise, ExerciseDone

pytestmark = pytest.mark.django_db

DONE_BUTTON = "I've done this"


@pytest.fixture
def letter_exercise(db):
    """For the partner who broke trust (Bob) alone."""
    return Exercise.objects.get(slug="accountability-letter")


def test_only_the_person_a_solo_exercise_is_for_sees_i_have_done_this(
    client, alice, bob, couple, letter_exercise
):
    client.force_login(bob)
    assertContains(
        client.get(f"/repair/exercises/{letter_exercise.code}/"), DONE_BUTTON
    )
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{letter_exercise.code}/")
    assertNotContains(page, DONE_BUTTON)
    assertContains(page, "This one is for Bob to do on their own")


def test_a_partner_cannot_mark_the_others_solo_exercise_done(
    client, alice, bob, couple, letter_exercise, solo_exercise
):
    client.force_login(alice)
    response = client.post(f"/repair/exercises/{letter_exercise.code}/done/")
    assert response.status_code == 403
    client.force_login(bob)
    response = client.post(f"/repair/exercises/{solo_exercise.code}/done/")
    assert response.status_code == 403
    assert not ExerciseDone.objects.exists()


def test_the_person_it_is_for_marks_it_done_and_the_partner_is_not_told(
    client, alice, bob, couple, letter_exercise
):
    client.force_login(bob)
    client.post(f"/repair/exercises/{letter_exercise.code}/done/")
    assert ExerciseDone.objects.filter(user=bob, exercise=letter_exercise).exists()
    client.force_login(alice)
    assertNotContains(
        client.get(f"/repair/exercises/{letter_exercise.code}/"), "has done it"
    )


def test_a_therapist_cannot_mark_it(client, alice, bob, couple, theo, letter_exercise):
    from tests.therapists.factories import full_access, make_therapist

    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    client.force_login(theo)
    response = client.post(f"/repair/exercises/{letter_exercise.code}/done/")
    assert response.status_code == 404
    assert not ExerciseDone.objects.exists()


def test_with_mutual_roles_each_partner_does_each_solo_exercise(letter_exercise):
    for role in (Role.MUTUAL, Role.INVOLVED):
        assert letter_exercise.is_for(role)
    assert not letter_exercise.is_for(Role.INJURED)
    for slug in ("question-box", "body-signals"):
        exercise = Exercise.objects.get(slug=slug)
        assert all(exercise.is_for(role) for role in Role.values)


def test_exercises_link_to_their_tools(client, alice, bob, couple, letter_exercise):
    client.force_login(bob)
    assertContains(
        client.get(f"/repair/exercises/{letter_exercise.code}/"),
        'href="/repair/letter/"',
    )
    box = Exercise.objects.get(slug="question-box")
    page = client.get(f"/repair/exercises/{box.code}/")
    assertContains(page, 'href="/repair/questions/"')
    # A together exercise leads to the invitation on its page: the "agreed time".
    assertContains(page, 'href="#invite"')
    assertContains(page, 'id="invite"')


def test_no_invitation_link_without_a_partner(client, alice):
    from couples import pairing

    pairing.start_couple(user=alice, role="injured")
    client.force_login(alice)
    box = Exercise.objects.get(slug="question-box")
    assertNotContains(client.get(f"/repair/exercises/{box.code}/"), 'href="#invite"')
