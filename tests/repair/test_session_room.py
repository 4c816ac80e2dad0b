"""The session room page and the buttons inside it."""

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checkins.session_lights import set_light
from repair import live, reflections, sessions
from repair.models import ExerciseSession, SessionStatus

from .conftest import htmx

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(alice_m, bob_m, talk_exercise):
    return sessions.invite(membership=alice_m, exercise=talk_exercise)


def _url(session, action: str = "") -> str:
    return f"/repair/sessions/{session.code}/" + (f"{action}/" if action else "")


def test_the_invited_partner_sees_the_three_answers(client, bob, invited):
    client.force_login(bob)
    page = client.get(_url(invited))
    assertContains(page, "An invitation from Alice")
    assertContains(page, "Yes, let's")
    assertContains(page, "Suggest another time")
    assertContains(page, "Not now")
    assertContains(page, "data-room-live")
    etag = live.current_etag(invited.code)
    assertContains(page, f'data-etag="{escape(etag)}"')
    assert page["ETag"] == etag


def test_the_inviter_sees_calm_waiting_copy(client, alice, invited):
    client.force_login(alice)
    page = client.get(_url(invited))
    assertContains(page, "Invitation sent to Bob")
    assertContains(page, "Every one of those answers is fine")
    assertNotContains(page, "Yes, let's")


def test_not_now_reaches_the_inviter_kindly(client, alice, bob, invited):
    client.force_login(bob)
    client.post(_url(invited, "answer"), {"answer": "not_now"})
    client.force_login(alice)
    page = client.get(_url(invited))
    assertContains(page, "Bob said not now. That's okay")
    for cold in ["declined", "rejected", "again?"]:
        assertNotContains(page, cold)


def test_accepting_with_htmx_returns_only_the_room_state(client, bob, invited):
    client.force_login(bob)
    response = client.post(
        _url(invited, "answer"), {"answer": "accept"}, headers=htmx()
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assertContains(response, "Getting ready")
    assertContains(response, "I'm ready")
    assertContains(response, "Alice hasn't chosen yet")
    assert ExerciseSession.objects.get().status == SessionStatus.ACCEPTED


def test_accepting_without_htmx_goes_back_to_the_room(client, bob, invited):
    client.force_login(bob)
    response = client.post(_url(invited, "answer"), {"answer": "accept"})
    assertRedirects(response, _url(invited))


def test_a_suggested_time_in_the_past_is_explained_and_kept(client, bob, invited):
    client.force_login(bob)
    response = client.post(
        _url(invited, "answer"),
        {"answer": "suggest", "planned_for": "2001-01-01T10:00"},
    )
    assert response.status_code == 400
    assertContains(response, "passed yet", status_code=400)
    assertContains(response, 'value="2001-01-01T10:00"', status_code=400)
    assert ExerciseSession.objects.get().awaiting == bob


def test_an_unknown_answer_is_explained(client, bob, invited):
    client.force_login(bob)
    response = client.post(_url(invited, "answer"), {"answer": "maybe"})
    assert response.status_code == 400


def test_green_from_both_starts_the_session_and_shows_the_timer(
    client, alice, bob, invited
):
    sessions.accept(session=invited, user=bob)
    set_light(session=invited, user=bob, light="green")
    client.force_login(alice)
    page = client.get(_url(invited))
    assertContains(page, "Not chosen yet")  # Alice, before she chooses
    assertContains(page, 'data-other-light="green"')
    client.post(f"/checkins/sessions/{invited.code}/light/", {"light": "green"})
    response = client.get(_url(invited), headers=htmx())
    assertContains(response, "You've begun")
    assertContains(response, "data-timer")
    assertContains(response, 'id="room-lights"')
    assertContains(response, "End the session")


def test_ending_is_shown_to_both(client, alice, bob, invited):
    sessions.accept(session=invited, user=bob)
    sessions.mark_ready(session=invited, user=bob)
    sessions.mark_ready(session=invited, user=alice)
    client.force_login(bob)
    response = client.post(_url(invited, "end"), headers=htmx())
    assertContains(response, "You ended the session")
    client.force_login(alice)
    page = client.get(_url(invited))
    assertContains(page, "Bob ended the session")
    assertContains(page, "Write a short reflection")


def test_a_step_that_no_longer_fits_is_explained_in_the_room(client, alice, invited):
    client.force_login(alice)
    response = client.post(
        _url(invited, "answer"), {"answer": "accept"}, headers=htmx()
    )
    assert response.status_code == 200
    assertContains(response, "waiting for your partner&#x27;s answer")


def test_the_inviter_can_take_the_invitation_back(client, alice, invited):
    client.force_login(alice)
    client.post(_url(invited, "withdraw"))
    assert ExerciseSession.objects.get().status == SessionStatus.WITHDRAWN


@pytest.mark.parametrize("action", ["", "answer", "end", "withdraw", "live"])
def test_an_outsider_gets_not_found(client, charlie, invited, action):
    client.force_login(charlie)
    url = _url(invited, action)
    response = client.get(url) if action in ("", "live") else client.post(url)
    assert response.status_code == 404
    assert ExerciseSession.objects.get().status == SessionStatus.PROPOSED


@pytest.mark.parametrize("action", ["", "answer", "end", "withdraw", "live"])
def test_anonymous_visitors_are_asked_to_sign_in(client, invited, action):
    url = _url(invited, action)
    response = client.get(url) if action in ("", "live") else client.post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("action", ["answer", "end", "withdraw"])
def test_buttons_refuse_get(client, alice, invited, action):
    client.force_login(alice)
    assert client.get(_url(invited, action)).status_code == 405


@pytest.mark.parametrize("action", ["", "live"])
def test_pages_refuse_post(client, alice, invited, action):
    client.force_login(alice)
    assert client.post(_url(invited, action)).status_code == 405


def test_the_room_is_never_cached(client, alice, invited):
    client.force_login(alice)
    assert "no-store" in client.get(_url(invited))["Cache-Control"]


def _grow_history(alice_m, bob_m, alice, bob, exercise, n: int) -> None:
    for _ in range(n):
        s = sessions.invite(membership=alice_m, exercise=exercise)
        sessions.accept(session=s, user=bob)
        sessions.mark_ready(session=s, user=alice)
        sessions.mark_ready(session=s, user=bob)
        sessions.end(session=s, user=bob)
        reflections.save_reflection(
            session=s, user=alice, safety=4, noticed="x", share=True
        )


@pytest.mark.parametrize("n", [1, 20, 200])
def test_the_room_costs_the_same_queries_however_much_history_there_is(
    client, alice, bob, alice_m, bob_m, talk_exercise, django_assert_max_num_queries, n
):
    _grow_history(alice_m, bob_m, alice, bob, talk_exercise, n)
    session = sessions.invite(membership=alice_m, exercise=talk_exercise)
    sessions.accept(session=session, user=bob)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        client.get(_url(session))
    with django_assert_max_num_queries(8):
        client.get(_url(session, "live"))


def test_the_timer_counts_from_the_servers_clock_not_the_phones(
    client, alice, bob, invited
):
    import datetime

    import time_machine

    sessions.accept(session=invited, user=bob)
    set_light(session=invited, user=bob, light="green")
    # Relative to now, so signing in stays within the session limits on any date.
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False) as clock:
        client.force_login(alice)
        client.post(f"/checkins/sessions/{invited.code}/light/", {"light": "green"})
        clock.shift(datetime.timedelta(minutes=12))
        response = client.get(_url(invited))
    # The phone adds only the time since the page arrived: its own clock may be anything.
    assertContains(response, 'data-elapsed-seconds="720"')
    assertNotContains(response, "data-started-at")
