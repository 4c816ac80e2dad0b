"""Every way a person leaves Mend ends the exercise session they are in, on both screens: the
idle and 12-hour limits as well as quick exit and the sign-out button, and deleting the account."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from checkins.session_lights import set_light
from privacy import ownership
from repair import sessions
from repair.models import ExerciseSession, SessionStatus
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def running(alice_m, bob_m, touch_exercise, alice, bob):
    session = sessions.invite(membership=alice_m, exercise=touch_exercise)
    sessions.accept(session=session, user=bob)
    set_light(session=session, user=alice, light="green")
    session = set_light(session=session, user=bob, light="green")
    assert session.status == SessionStatus.RUNNING
    return session


@pytest.fixture
def short_limits(settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 20 * 60


def _fresh(session) -> ExerciseSession:
    return ExerciseSession.objects.get(pk=session.pk)


def _phone(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_idle_limit_on_another_page_ends_the_session_for_both(
    short_limits, running, alice, bob
):
    with time_machine.travel(START, tick=False) as clock:
        bob_phone = _phone(bob)
        bob_phone.get(reverse("home"))  # Bob wandered off the room, to Today
        clock.shift(datetime.timedelta(minutes=6))
        # Today's unread badge polls in the background; it finds Bob idle and signs him out.
        bob_phone.get(reverse("prompts:badge"), headers=HTMX)
    assert "_auth_user_id" not in bob_phone.session
    session = _fresh(running)
    assert session.status == SessionStatus.ENDED
    assert session.end_reason == ExerciseSession.EndReason.LEFT
    # Alice's room says so.
    room = _phone(alice).get(
        reverse("repair:session", args=[running.code]), headers=HTMX
    )
    assert "This session has ended" in room.content.decode()


def test_another_browser_timing_out_leaves_the_exercise_running_where_the_person_is(
    short_limits, running, alice, bob
):
    """Bob's laptop was left on Today; the exercise runs on his phone. The laptop timing out is
    not Bob leaving."""
    with time_machine.travel(START, tick=False) as clock:
        # Signed in through the sign-in page, as people are: each browser is then on the list
        # of the person's signed-in devices, which is where the other one is found.
        laptop, phone = Client(), Client()
        for browser in (laptop, phone):
            browser.post(
                reverse("account_login"), {"login": bob.email, "password": PASSWORD}
            )
        clock.shift(datetime.timedelta(minutes=3))
        phone.get(reverse("repair:session", args=[running.code]))
        clock.shift(datetime.timedelta(minutes=3))
        laptop.get(reverse("prompts:badge"), headers=HTMX)
        # Read on the test's clock: outside it, the stored sessions have long expired.
        assert "_auth_user_id" not in laptop.session
        assert "_auth_user_id" in phone.session
    assert _fresh(running).status == SessionStatus.RUNNING


def test_the_twelve_hour_limit_ends_the_session_too(short_limits, running, bob):
    with time_machine.travel(START, tick=False) as clock:
        bob_phone = _phone(bob)
        bob_phone.get(reverse("home"))
        clock.shift(datetime.timedelta(minutes=21))
        bob_phone.get(reverse("home"))
    assert _fresh(running).status == SessionStatus.ENDED


def test_deleting_the_account_ends_the_session_for_the_partner(running, alice, bob):
    ownership.delete_account(user=bob)
    session = _fresh(running)
    assert session.status == SessionStatus.ENDED
    assert session.end_reason == ExerciseSession.EndReason.LEFT
    assert session.invitee_id is None  # the session stays, without Bob


def test_the_delete_page_ends_the_session(running, bob):
    phone = _phone(bob)
    response = phone.post(reverse("privacy:delete"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:400]
    assert _fresh(running).status == SessionStatus.ENDED


def test_a_deleted_persons_empty_id_ends_nobody_elses_session(running, bob):
    """end_for_person after the row is gone (id None) is a quiet no-op, whoever calls it."""
    ExerciseSession.objects.filter(pk=running.pk).update(invitee=None)
    bob.delete()
    assert bob.pk is None
    assert sessions.end_for_person(user=bob) == 0
    assert _fresh(running).status == SessionStatus.RUNNING


def test_a_failure_to_end_a_session_never_stops_the_sign_out(monkeypatch, running, bob):
    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(sessions, "end_for_person", broken)
    phone = _phone(bob)
    phone.post(reverse("account_logout"))
    assert "_auth_user_id" not in phone.session
