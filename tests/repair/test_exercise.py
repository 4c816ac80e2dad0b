"""The exercise page: the text, marking it done, and inviting the partner to do it together."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples import pause
from repair import journey
from repair.models import Exercise, ExerciseDone, ExerciseSession

pytestmark = pytest.mark.django_db


def test_it_shows_the_rendered_instructions(client, alice, couple, talk_exercise):
    client.force_login(alice)
    response = client.get(f"/repair/exercises/{talk_exercise.code}/")
    assertContains(response, '<h2 id="how-heading">How to do it</h2>')
    assertContains(response, "<ol>")
    assertContains(response, "Words you could use")
    assertContains(response, "Invite Bob to do this with you")


def test_markdown_from_the_admin_is_sanitised(client, alice, couple, talk_exercise):
    talk_exercise.instructions = (
        '**Calm** <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>'
    )
    talk_exercise.save()
    client.force_login(alice)
    response = client.get(f"/repair/exercises/{talk_exercise.code}/")
    assertContains(response, "<strong>Calm</strong>")
    assertNotContains(response, "onerror")
    assertNotContains(response, "javascript:")


def test_exercises_of_a_later_phase_are_not_open_yet(
    client, alice, couple, touch_exercise
):
    client.force_login(alice)
    assert client.get(f"/repair/exercises/{touch_exercise.code}/").status_code == 404


def test_unpublished_exercises_are_not_shown(client, alice, couple, talk_exercise):
    Exercise.objects.filter(pk=talk_exercise.pk).update(published=False)
    client.force_login(alice)
    assert client.get(f"/repair/exercises/{talk_exercise.code}/").status_code == 404


def test_an_outsider_gets_not_found_for_a_later_phase(
    client, charlie, alice_m, touch_exercise
):
    journey.propose_advance(
        membership=alice_m
    )  # Alice and Bob are in phase 2; Charlie isn't
    client.force_login(charlie)
    assert client.get(f"/repair/exercises/{touch_exercise.code}/").status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client, talk_exercise):
    response = client.get(f"/repair/exercises/{talk_exercise.code}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_refuses_post(client, alice, couple, talk_exercise):
    client.force_login(alice)
    assert client.post(f"/repair/exercises/{talk_exercise.code}/").status_code == 405


def test_a_partner_marks_an_own_exercise_done_and_can_unmark_it(
    client, alice, couple, solo_exercise
):
    client.force_login(alice)
    client.post(f"/repair/exercises/{solo_exercise.code}/done/")
    assert ExerciseDone.objects.filter(user=alice, exercise=solo_exercise).exists()
    client.post(f"/repair/exercises/{solo_exercise.code}/done/", {"done": "no"})
    assert not ExerciseDone.objects.filter(user=alice, exercise=solo_exercise).exists()


def test_inviting_now_opens_the_session_room(client, alice, bob, couple, talk_exercise):
    client.force_login(alice)
    response = client.post(
        f"/repair/exercises/{talk_exercise.code}/invite/", {"when": "now"}
    )
    session = ExerciseSession.objects.get()
    assertRedirects(response, f"/repair/sessions/{session.code}/")
    assert (session.inviter, session.invitee, session.awaiting) == (alice, bob, bob)
    assert session.planned_for is None


def test_inviting_for_later_reads_the_time_in_the_persons_own_zone(
    client, alice, couple, talk_exercise
):
    alice.timezone = "Europe/Paris"
    alice.save()
    client.force_login(alice)
    client.post(
        f"/repair/exercises/{talk_exercise.code}/invite/",
        {"when": "later", "planned_for": "2099-01-10T19:30"},
    )
    # Outside the next two months, so it is refused; a near time is accepted below.
    assert not ExerciseSession.objects.exists()

    soon = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo("Europe/Paris"))
    client.post(
        f"/repair/exercises/{talk_exercise.code}/invite/",
        {"when": "later", "planned_for": soon.strftime("%Y-%m-%dT%H:%M")},
    )
    session = ExerciseSession.objects.get()
    assert (
        abs(
            (
                session.planned_for - soon.replace(second=0, microsecond=0)
            ).total_seconds()
        )
        < 1
    )


def test_a_later_invitation_without_a_time_explains_and_keeps_the_choice(
    client, alice, couple, talk_exercise
):
    client.force_login(alice)
    response = client.post(
        f"/repair/exercises/{talk_exercise.code}/invite/", {"when": "later"}
    )
    assert response.status_code == 400
    assertContains(response, "Please choose a date and time.", status_code=400)
    assertContains(
        response, 'value="later" id="id_when_1" required checked', status_code=400
    )
    assert not ExerciseSession.objects.exists()


def test_a_pause_stops_touch_exercises_being_proposed(
    client, alice, alice_m, bob_m, touch_exercise
):
    journey.propose_advance(membership=alice_m)
    pause.start_pause(membership=bob_m)
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{touch_exercise.code}/")
    assertContains(page, "A pause is on")
    assertNotContains(page, "Send the invitation")
    response = client.post(
        f"/repair/exercises/{touch_exercise.code}/invite/", {"when": "now"}
    )
    assert response.status_code == 400
    assertContains(response, "resting for now", status_code=400)
    assert not ExerciseSession.objects.exists()


def test_a_pause_rests_talking_exercises_together_too(
    client, alice, bob_m, talk_exercise
):
    # A pause may be someone's quiet mode: no live session of any kind starts while it is on.
    pause.start_pause(membership=bob_m)
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{talk_exercise.code}/")
    assertContains(page, "A pause is on")
    assertNotContains(page, "Send the invitation")
    response = client.post(
        f"/repair/exercises/{talk_exercise.code}/invite/", {"when": "now"}
    )
    assert response.status_code == 400
    assert not ExerciseSession.objects.exists()


def test_a_pause_leaves_exercises_on_your_own_open(client, alice, bob_m, solo_exercise):
    pause.start_pause(membership=bob_m)
    client.force_login(alice)
    assertContains(
        client.get(f"/repair/exercises/{solo_exercise.code}/"), "I've done this"
    )
    response = client.post(f"/repair/exercises/{solo_exercise.code}/done/")
    assert response.status_code == 302


def test_an_outsider_cannot_invite(client, charlie, couple, talk_exercise):
    client.force_login(charlie)
    client.post(f"/repair/exercises/{talk_exercise.code}/invite/", {"when": "now"})
    assert not ExerciseSession.objects.filter(couple=couple).exists()


def test_invite_refuses_get(client, alice, couple, talk_exercise):
    client.force_login(alice)
    assert (
        client.get(f"/repair/exercises/{talk_exercise.code}/invite/").status_code == 405
    )
