"""Nobody is signed out in the middle of an exercise, and a poll that meets an ended session
sends the page to sign in, coming back to where the person was."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from couples.access import active_membership
from repair import sessions
from repair.models import Exercise

pytestmark = pytest.mark.django_db

PASSWORD = (
    "a calm and quiet river"  # the personas' password (tests/accounts/factories.py)
)
LOGIN = reverse("account_login")
START = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def short_limits(settings):
    """Five idle minutes instead of thirty; twenty minutes in all instead of twelve hours."""
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 20 * 60


@pytest.fixture
def session(couple, alice, bob):
    exercise = Exercise.objects.get(slug="daily-honesty")
    return sessions.invite(membership=active_membership(alice), exercise=exercise)


def start(session, alice, bob):
    sessions.accept(session=session, user=bob)
    sessions.mark_ready(session=session, user=bob)
    sessions.mark_ready(session=session, user=alice)


def room(session) -> str:
    return reverse("repair:session", args=[session.code])


def live(session) -> str:
    return reverse("repair:session_live", args=[session.code])


def phone(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sign_in(user) -> Client:
    """A real sign-in, so the session is one that a safety reset elsewhere can end."""
    client = Client()
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


class Room:
    """A phone left on the session room, polling it as the page does."""

    def __init__(self, client, session):
        self.client, self.session = client, session
        response = client.get(room(session))
        assert response.status_code == 200
        self.etag = response["ETag"]

    def poll(self):
        response = self.client.get(
            live(self.session),
            headers={
                **HTMX,
                "If-None-Match": self.etag,
                "HX-Current-URL": "http://testserver" + room(self.session),
            },
        )
        if response.status_code == 200 and response.has_header("ETag"):
            self.etag = response["ETag"]
        return response


def phones_down(traveller, rooms, minutes: int) -> None:
    """Nobody touches either phone; each room keeps polling (once a minute here is enough)."""
    for _ in range(minutes):
        traveller.shift(datetime.timedelta(minutes=1))
        for r in rooms:
            assert r.poll().status_code in {200, 304}


def test_a_running_session_keeps_both_partners_signed_in_past_the_idle_limit(
    short_limits, alice, bob, session
):
    start(session, alice, bob)
    with time_machine.travel(START, tick=False) as traveller:
        rooms = [Room(phone(alice), session), Room(phone(bob), session)]
        phones_down(traveller, rooms, minutes=12)  # well past five idle minutes
        for r in rooms:
            again = r.client.get(room(session))
            assert again.status_code == 200
            assert b'name="light" value="red"' in again.content
            state = r.client.get(live(session), headers=HTMX)
            assert state.status_code == 200
            assert b'name="light" value="red"' in state.content


def test_without_a_running_session_the_same_idle_time_signs_out(
    short_limits, alice, bob, session
):
    sessions.accept(session=session, user=bob)  # getting ready, not running
    with time_machine.travel(START, tick=False) as traveller:
        alice_room = Room(phone(alice), session)
        for _ in range(5):
            traveller.shift(datetime.timedelta(minutes=1))
            assert alice_room.poll().status_code == 304
        traveller.shift(datetime.timedelta(minutes=1))
        signed_out = alice_room.poll()
        assert signed_out.status_code == 286  # htmx stops polling
        response = alice_room.client.get(room(session))
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


def test_once_the_session_ends_the_idle_clock_runs_again(
    short_limits, alice, bob, session
):
    start(session, alice, bob)
    with time_machine.travel(START, tick=False) as traveller:
        alice_room = Room(phone(alice), session)
        phones_down(traveller, [alice_room], minutes=8)
        sessions.end(session=session, user=bob)
        # The ending is shown to her, however long the phone lay on the table before it.
        assert b"Bob ended the session" in alice_room.poll().content
        phones_down(traveller, [alice_room], minutes=4)
        traveller.shift(datetime.timedelta(minutes=2))
        assert alice_room.poll().status_code == 286


def test_the_absolute_limit_still_ends_a_running_session(
    short_limits, alice, bob, session
):
    start(session, alice, bob)
    with time_machine.travel(START, tick=False) as traveller:
        alice_room = Room(phone(alice), session)
        phones_down(traveller, [alice_room], minutes=20)
        traveller.shift(datetime.timedelta(minutes=1))
        response = alice_room.poll()
        assert response.status_code == 286
        assert b"You've been signed out" in response.content


def test_an_outsider_polling_a_running_room_does_not_stay_signed_in(
    short_limits, alice, bob, charlie, session
):
    start(session, alice, bob)
    with time_machine.travel(START, tick=False) as traveller:
        client = phone(charlie)
        client.get("/journal/")
        for _ in range(6):
            traveller.shift(datetime.timedelta(minutes=1))
            client.get(live(session), headers=HTMX)
        assert client.get("/journal/").status_code == 302


def test_the_room_says_in_place_that_the_person_was_signed_out_elsewhere(
    alice, bob, session
):
    start(session, alice, bob)
    on_table = sign_in(alice)
    alice_room = Room(on_table, session)
    in_hand = sign_in(alice)
    in_hand.post(reverse("privacy:safety_reset"), {"confirm": "on"})

    response = alice_room.poll()
    assert response.status_code == 286  # htmx stops polling
    said = response.content.decode()
    assert "You've been signed out</h2>" in said
    assert "Sign in again to come back to this session." in said
    back = f'href="{LOGIN}?next=/repair/sessions/{session.code}/"'
    assert back.encode() in response.content
    assert b"<form" not in response.content  # no sign-in form inside the room


def test_a_badge_poll_after_a_sign_out_elsewhere_sends_the_page_to_sign_in(
    alice, bob, session
):
    on_table = sign_in(alice)
    in_hand = sign_in(alice)
    in_hand.post(reverse("privacy:safety_reset"), {"confirm": "on"})

    response = on_table.get(
        reverse("prompts:badge"),
        headers={**HTMX, "HX-Current-URL": f"http://testserver{room(session)}?x=1"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{LOGIN}?next={room(session)}"
    assert b"<form" not in response.content


def test_a_badge_poll_after_a_password_change_sends_the_page_to_sign_in(alice):
    on_table = sign_in(alice)
    alice.set_password("another calm and quiet river")
    alice.save()
    response = on_table.get(
        reverse("prompts:badge"),
        headers={**HTMX, "HX-Current-URL": "http://testserver/journal/"},
    )
    assert response["HX-Redirect"] == f"{LOGIN}?next=/journal/"


def test_a_badge_poll_after_the_idle_limit_comes_back_to_the_page(short_limits, alice):
    with time_machine.travel(START, tick=False) as traveller:
        client = phone(alice)
        client.get("/journal/")
        traveller.shift(datetime.timedelta(minutes=6))
        response = client.get(
            reverse("prompts:badge"),
            headers={**HTMX, "HX-Current-URL": "http://testserver/journal/"},
        )
        assert response["HX-Redirect"] == f"{LOGIN}?next=/journal/"
        assert client.get("/journal/").status_code == 302


@pytest.mark.parametrize(
    "current",
    [
        "https://elsewhere.example/journal/",
        "http://testserver//elsewhere.example/journal/",
        "http://testserver/\\elsewhere.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_a_signed_out_poll_never_sends_the_page_to_another_site(client, current):
    response = client.get(
        reverse("prompts:badge"), headers={**HTMX, "HX-Current-URL": current}
    )
    assert response["HX-Redirect"] == LOGIN


def test_a_signed_out_page_without_htmx_still_gets_the_ordinary_redirect(client):
    response = client.get("/journal/")
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/journal/"
    assert not response.has_header("HX-Redirect")
