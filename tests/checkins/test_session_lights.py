"""Live traffic lights in an exercise session: nobody has one until they choose it."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from checkins.models import SessionLight
from checkins.session_lights import LightError, current_lights, set_light
from couples.access import active_membership
from repair import sessions
from repair.models import Exercise, ExerciseSession, SessionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(alice, bob, couple):
    exercise = Exercise.objects.filter(who="together", kind="touch").first()
    session = sessions.invite(membership=active_membership(alice), exercise=exercise)
    return sessions.accept(session=session, user=bob)


@pytest.fixture
def running(accepted, alice, bob):
    set_light(session=accepted, user=alice, light="green")
    session = set_light(session=accepted, user=bob, light="green")
    assert session.status == SessionStatus.RUNNING
    return session


def _room(client, person, session, **kwargs):
    client.force_login(person)
    return client.get(f"/repair/sessions/{session.code}/", **kwargs)


def _status(session) -> str:
    return ExerciseSession.objects.get(pk=session.pk).status


# Nobody has a light until they choose one --------------------------------------------------------


def test_nobody_has_a_light_until_they_choose_one(accepted, alice, bob):
    assert current_lights(accepted, alice).mine is None
    assert current_lights(accepted, alice).theirs is None
    assert not current_lights(accepted, bob).slow_down


def test_both_screens_say_the_partner_hasnt_chosen_yet(client, accepted, alice, bob):
    for person, other in ((alice, "Bob"), (bob, "Alice")):
        page = _room(client, person, accepted)
        assertContains(page, f"{other} hasn't chosen yet")  # announced
        assertContains(page, "Hasn't chosen yet")
        assertContains(page, 'data-other-light="none"')
        assertContains(page, 'data-my-light="none"')
        assertContains(page, 'aria-pressed="true"', count=0)
        assertNotContains(page, "keep going")
        assertNotContains(page, "green —")


def test_the_partners_green_shows_only_once_they_chose_it(client, accepted, alice, bob):
    set_light(session=accepted, user=alice, light="green")
    page = _room(client, bob, accepted)
    assertContains(page, 'data-other-light="green"')
    assertContains(page, "Green — ready to begin")
    assertContains(page, 'data-my-light="none"')
    page = _room(client, alice, accepted)
    assertContains(page, "Bob hasn't chosen yet")


# Choosing green is being ready ------------------------------------------------------------------


def test_the_session_begins_only_when_both_chose_green(accepted, alice, bob):
    set_light(session=accepted, user=alice, light="green")
    assert _status(accepted) == SessionStatus.ACCEPTED
    set_light(session=accepted, user=bob, light="yellow")
    assert _status(accepted) == SessionStatus.ACCEPTED
    set_light(session=accepted, user=bob, light="green")
    session = ExerciseSession.objects.get(pk=accepted.pk)
    assert session.status == SessionStatus.RUNNING
    assert session.started_at is not None


def test_yellow_before_the_start_takes_a_green_back(accepted, alice, bob):
    set_light(session=accepted, user=alice, light="green")
    set_light(session=accepted, user=alice, light="yellow")
    set_light(session=accepted, user=bob, light="green")
    assert _status(accepted) == SessionStatus.ACCEPTED
    assert current_lights(accepted, bob).theirs == "yellow"


def test_no_light_before_the_invitation_is_answered(alice, bob, couple):
    exercise = Exercise.objects.filter(who="together", kind="touch").first()
    session = sessions.invite(membership=active_membership(alice), exercise=exercise)
    with pytest.raises(LightError):
        set_light(session=session, user=bob, light="green")
    assert not SessionLight.objects.exists()


# Yellow and red at any moment ---------------------------------------------------------------------


def test_yellow_is_recorded_and_both_screens_are_told(running, alice, bob):
    before = running.version
    set_light(session=running, user=alice, light="yellow")
    running.refresh_from_db()
    assert running.version > before
    assert current_lights(running, bob).theirs == "yellow"
    assert current_lights(running, bob).slow_down


def test_red_before_the_start_ends_it_for_both(accepted, alice):
    set_light(session=accepted, user=alice, light="red")
    session = ExerciseSession.objects.get(pk=accepted.pk)
    assert session.status == SessionStatus.ENDED
    assert session.end_reason == ExerciseSession.EndReason.RED
    assert session.started_at is None


def test_red_ends_a_running_session_for_both(running, alice):
    set_light(session=running, user=alice, light="red")
    running.refresh_from_db()
    assert running.status == SessionStatus.ENDED
    assert running.end_reason == ExerciseSession.EndReason.RED
    with pytest.raises(LightError):
        set_light(session=running, user=alice, light="green")


def test_every_change_is_kept_with_its_time(running, alice):
    for light in ("yellow", "green", "yellow"):
        set_light(session=running, user=alice, light=light)
    assert list(
        SessionLight.objects.filter(user=alice)
        .order_by("created_at", "pk")
        .values_list("light", flat=True)
    ) == ["green", "yellow", "green", "yellow"]


def test_the_room_shows_the_lights_and_the_slow_down_guidance(
    client, running, alice, bob
):
    assertContains(_room(client, bob, running), "How is this for you right now?")
    set_light(session=running, user=alice, light="yellow")
    response = _room(client, bob, running)
    assertContains(response, "Slow down.")
    assertContains(response, 'data-other-light="yellow"')
    assertContains(response, "Yellow — slow down")


# What each screen says after a red -------------------------------------------------------------


def test_after_a_red_the_partner_reads_what_happened_without_blame(
    client, running, alice, bob
):
    set_light(session=running, user=alice, light="red")
    page = _room(client, bob, running)
    assertContains(
        page,
        "Alice chose red, so the session has ended. "
        "Nobody did anything wrong by stopping.",
    )
    assertNotContains(page, "you stopped")
    assertNotContains(page, "You chose red")
    page = _room(client, alice, running)
    assertContains(page, "You chose red, so the session has ended.")
    assertNotContains(page, "Alice chose red")


# Screen readers and focus ---------------------------------------------------------------------


def test_the_live_region_is_on_the_page_before_any_change(client, accepted, bob):
    page = _room(client, bob, accepted).content.decode()
    assert re.search(r'<p id="room-announce"[^>]*aria-live="polite"', page)
    assert 'data-announce="Getting ready. Alice hasn\'t chosen yet."' in page


def test_the_announcement_carries_the_partners_change(client, running, alice, bob):
    set_light(session=running, user=alice, light="yellow")
    page = _room(client, bob, running, headers={"HX-Request": "true"})
    assertContains(
        page, "data-announce=\"You've begun. Alice: yellow — slow down, chosen at "
    )


def test_the_light_buttons_keep_their_ids_so_focus_can_stay_on_them(
    client, accepted, alice, bob
):
    """htmx puts focus back on the element with the same id after the room refreshes."""
    for step in ("before", "running"):
        if step == "running":
            set_light(session=accepted, user=alice, light="green")
            set_light(session=accepted, user=bob, light="green")
        page = _room(client, bob, accepted)
        for light in ("green", "yellow", "red"):
            assertContains(page, f'id="light-{light}"', count=1)


# The endpoint --------------------------------------------------------------------------------------


def test_a_light_through_htmx_answers_204_and_asks_the_room_to_refresh(
    client, running, alice
):
    client.force_login(alice)
    response = client.post(
        f"/checkins/sessions/{running.code}/light/",
        {"light": "yellow"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response["HX-Trigger"] == "room-changed"


def test_green_through_the_endpoint_is_being_ready(client, accepted, alice, bob):
    set_light(session=accepted, user=bob, light="green")
    client.force_login(alice)
    client.post(
        f"/checkins/sessions/{accepted.code}/light/",
        {"light": "green"},
        headers={"HX-Request": "true"},
    )
    assert _status(accepted) == SessionStatus.RUNNING


def test_without_javascript_a_light_returns_to_the_room(client, running, alice):
    client.force_login(alice)
    response = client.post(
        f"/checkins/sessions/{running.code}/light/", {"light": "green"}
    )
    assert response.status_code == 302
    assert response.url == f"/repair/sessions/{running.code}/"


def test_an_unknown_light_is_refused(client, accepted, alice):
    client.force_login(alice)
    assert (
        client.post(
            f"/checkins/sessions/{accepted.code}/light/", {"light": "blue"}
        ).status_code
        == 400
    )
    assert not SessionLight.objects.exists()


def test_an_outsider_cannot_touch_a_couples_session(client, running, charlie):
    client.force_login(charlie)
    assert (
        client.post(
            f"/checkins/sessions/{running.code}/light/", {"light": "red"}
        ).status_code
        == 404
    )
    running.refresh_from_db()
    assert running.status == SessionStatus.RUNNING


def test_lights_need_sign_in_and_post(client, running, alice):
    assert (
        client.post(
            f"/checkins/sessions/{running.code}/light/", {"light": "red"}
        ).status_code
        == 302
    )
    client.force_login(alice)
    assert client.get(f"/checkins/sessions/{running.code}/light/").status_code == 405
