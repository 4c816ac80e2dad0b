"""Domain rules of exercise sessions: answers, readiness, ending, pauses and reflections."""

from datetime import timedelta

import pytest
from django.utils import timezone

from couples import pause
from repair import journey, reflections, sessions
from repair.models import ExerciseDone, ExerciseSession, Reflection, SessionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(alice_m, bob_m, talk_exercise):
    return sessions.invite(membership=alice_m, exercise=talk_exercise)


def _reload(session) -> ExerciseSession:
    return ExerciseSession.objects.get(pk=session.pk)


def test_an_invitation_waits_for_the_partner(invited, bob):
    assert invited.status == SessionStatus.PROPOSED
    assert invited.awaiting == bob


def test_only_the_invited_partner_answers(invited, alice, bob):
    with pytest.raises(sessions.SessionError):
        sessions.accept(session=invited, user=alice)
    sessions.accept(session=invited, user=bob)
    assert _reload(invited).status == SessionStatus.ACCEPTED


def test_suggesting_another_time_hands_the_question_back(invited, alice, bob):
    later = timezone.now() + timedelta(days=1)
    sessions.suggest_time(session=invited, user=bob, planned_for=later)
    session = _reload(invited)
    assert session.awaiting == alice
    assert session.planned_for == later
    sessions.accept(session=session, user=alice)
    assert _reload(invited).status == SessionStatus.ACCEPTED


def test_not_now_is_recorded_as_an_answer_not_a_count(invited, bob):
    sessions.not_now(session=invited, user=bob)
    session = _reload(invited)
    assert session.status == SessionStatus.NOT_NOW
    assert session.ended_by == bob


def test_the_session_starts_only_when_both_are_ready(invited, alice, bob):
    sessions.accept(session=invited, user=bob)
    sessions.mark_ready(session=invited, user=alice)
    assert _reload(invited).status == SessionStatus.ACCEPTED
    sessions.unready(session=invited, user=alice)
    sessions.mark_ready(session=invited, user=bob)
    assert _reload(invited).status == SessionStatus.ACCEPTED
    sessions.mark_ready(session=invited, user=alice)
    session = _reload(invited)
    assert session.status == SessionStatus.RUNNING
    assert session.started_at is not None


def test_either_partner_can_end_at_any_moment(invited, alice, bob):
    sessions.accept(session=invited, user=bob)
    sessions.end(session=invited, user=bob)
    assert _reload(invited).status == SessionStatus.ENDED
    assert _reload(invited).started_at is None
    # Ending again changes nothing and raises nothing.
    version = _reload(invited).version
    sessions.end(session=invited, user=alice)
    assert _reload(invited).version == version


def test_a_session_that_ran_counts_as_done_for_both(invited, alice, bob, talk_exercise):
    sessions.accept(session=invited, user=bob)
    sessions.mark_ready(session=invited, user=alice)
    sessions.mark_ready(session=invited, user=bob)
    sessions.end(session=invited, user=alice)
    assert set(
        ExerciseDone.objects.filter(exercise=talk_exercise).values_list(
            "user", flat=True
        )
    ) == {alice.pk, bob.pk}


def test_every_change_moves_the_version_on(invited, alice, bob):
    versions = [_reload(invited).version]
    for step in (
        lambda: sessions.accept(session=invited, user=bob),
        lambda: sessions.mark_ready(session=invited, user=alice),
        lambda: sessions.mark_ready(session=invited, user=bob),
        lambda: sessions.end(session=invited, user=bob),
    ):
        step()
        versions.append(_reload(invited).version)
    assert versions == sorted(set(versions))


def test_touch_is_reusable_by_other_live_parts(invited):
    before = invited.version
    sessions.touch(invited)
    assert invited.version == before + 1
    assert _reload(invited).version == before + 1


def test_a_pause_ends_every_open_session_of_the_couple(
    invited, alice, bob_m, django_capture_on_commit_callbacks
):
    sessions.accept(session=invited, user=bob_m.user)
    with django_capture_on_commit_callbacks(execute=True):
        pause.start_pause(membership=bob_m)
    session = _reload(invited)
    assert session.status == SessionStatus.ENDED
    assert session.end_reason == ExerciseSession.EndReason.PAUSE


def test_a_pause_leaves_other_couples_sessions_alone(
    invited, charlie, django_capture_on_commit_callbacks
):
    from couples.access import active_membership

    with django_capture_on_commit_callbacks(execute=True):
        pause.start_pause(membership=active_membership(charlie))
    assert _reload(invited).status == SessionStatus.PROPOSED


def test_a_pause_blocks_proposing_and_starting_touch_exercises(
    alice_m, bob_m, alice, bob, touch_exercise
):
    journey.propose_advance(membership=alice_m)
    session = sessions.invite(membership=alice_m, exercise=touch_exercise)
    sessions.accept(session=session, user=bob)
    pause.start_pause(membership=bob_m)  # no on_commit here: the session is still open
    with pytest.raises(sessions.SessionError, match="pause"):
        sessions.mark_ready(session=session, user=alice)
    with pytest.raises(sessions.SessionError, match="pause"):
        sessions.invite(membership=alice_m, exercise=touch_exercise)


def test_solo_exercises_cannot_be_sessions(alice_m, bob_m, solo_exercise):
    with pytest.raises(sessions.SessionError):
        sessions.invite(membership=alice_m, exercise=solo_exercise)


def test_a_reflection_is_private_until_shared(invited, alice, bob):
    sessions.accept(session=invited, user=bob)
    sessions.mark_ready(session=invited, user=alice)
    sessions.mark_ready(session=invited, user=bob)
    sessions.end(session=invited, user=bob)
    reflection = reflections.save_reflection(
        session=invited, user=alice, safety=4, noticed="canary-words", share=False
    )
    assert reflection.shared_at is None
    reflections.set_reflection_shared(reflection=reflection, shared=True)
    assert Reflection.objects.get().shared_at is not None
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT noticed FROM repair_reflection")
        assert "canary-words" not in cursor.fetchone()[0]


def test_no_reflection_for_a_session_that_never_started(invited, alice, bob):
    sessions.end(session=invited, user=bob)
    with pytest.raises(sessions.SessionError):
        reflections.save_reflection(
            session=invited, user=alice, safety=3, noticed="", share=False
        )
