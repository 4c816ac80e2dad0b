"""The session room as two people live it: leaving ends it, an old green is not a standing yes,
no nudge past the planned time, and a kind ending after a red."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from checkins.session_lights import current_lights, set_light
from repair import sessions
from repair.models import ExerciseSession, SessionStatus

pytestmark = pytest.mark.django_db

ENDED_HEADLINE = "This session has ended"
ENDED_BODY = (
    "Let go, and give each other some space. Nothing needs to be said or done now."
)


@pytest.fixture
def accepted(alice_m, bob_m, touch_exercise, bob):
    session = sessions.invite(membership=alice_m, exercise=touch_exercise)
    return sessions.accept(session=session, user=bob)


@pytest.fixture
def running(accepted, alice, bob):
    set_light(session=accepted, user=alice, light="green")
    session = set_light(session=accepted, user=bob, light="green")
    assert session.status == SessionStatus.RUNNING
    return session


def _room(client, person, session):
    client.force_login(person)
    return client.get(f"/repair/sessions/{session.code}/")


def _fresh(session) -> ExerciseSession:
    return ExerciseSession.objects.get(pk=session.pk)


# 1. Leaving ends the session ------------------------------------------------------------------


def test_quick_exit_ends_a_running_session_for_both(client, running, alice):
    client.force_login(alice)
    assert client.post("/safety/exit/").status_code == 204
    session = _fresh(running)
    assert session.status == SessionStatus.ENDED
    assert session.end_reason == ExerciseSession.EndReason.LEFT


def test_quick_exit_ends_an_accepted_session_too(client, accepted, alice):
    client.force_login(alice)
    client.post("/safety/exit/")
    assert _fresh(accepted).status == SessionStatus.ENDED


def test_signing_out_ends_the_session(client, running, alice):
    client.force_login(alice)
    client.post(reverse("account_logout"))
    assert client.get("/").wsgi_request.user.is_anonymous
    assert _fresh(running).status == SessionStatus.ENDED


def test_the_partner_sees_a_neutral_ending_and_no_green(client, running, alice, bob):
    set_light(session=running, user=alice, light="green")
    client.force_login(alice)
    client.post("/safety/exit/")
    client.force_login(bob)
    # The room's part only: the page around it carries everyone's own quick-exit button.
    page = client.get(
        f"/repair/sessions/{running.code}/", headers={"HX-Request": "true"}
    )
    assertContains(page, ENDED_HEADLINE)
    assertContains(page, ENDED_BODY)
    for word in ["quick exit", "Quick exit", "keep going", "Alice ended", "Green"]:
        assertNotContains(page, word)


def test_leaving_leaves_an_open_invitation_alone(alice_m, bob_m, talk_exercise, alice):
    invited = sessions.invite(membership=alice_m, exercise=talk_exercise)
    assert sessions.end_for_person(user=alice) == 0
    assert _fresh(invited).status == SessionStatus.PROPOSED


# 2. The green that meant "ready" doesn't carry into the session ------------------------------


def test_the_ready_green_does_not_carry_into_the_session(client, running, alice, bob):
    lights = current_lights(running, bob)
    assert (lights.mine, lights.theirs) == (None, None)
    page = _room(client, bob, running)
    assertContains(page, "No check-in yet", count=2)
    assertNotContains(page, "keep going")
    assertNotContains(page, 'data-other-light="green"')


def test_a_green_chosen_in_the_session_says_when(client, running, alice, bob):
    set_light(session=running, user=alice, light="green")
    assert current_lights(running, bob).theirs == "green"
    page = _room(client, bob, running)
    assertContains(page, "Green, chosen at ")
    assertContains(page, "Alice: green, chosen at ")


# 3. No nudge past the planned time -----------------------------------------------------------


def test_the_planned_time_note_does_not_nudge_to_carry_on():
    script = (Path(settings.BASE_DIR) / "static/js/repair.js").read_text()
    assert (
        "That's about the time you planned. You can finish whenever you like." in script
    )
    assert "Carry on" not in script


# 4. After a red -------------------------------------------------------------------------------


def test_the_partner_of_a_red_is_told_how_to_be_with_it(client, running, alice, bob):
    set_light(session=running, user=alice, light="red")
    page = _room(client, bob, running)
    assertContains(
        page,
        "Alice chose red, so the session has ended. Nobody did anything wrong by stopping.",
    )
    assertContains(
        page,
        "Let go now, if you haven't. A simple 'okay' or 'thank you for telling me' is "
        "enough. Let Alice choose whether to stay close or have some space.",
    )


def test_the_ended_room_offers_a_quiet_reflection_link_and_real_help(
    client, running, alice, bob
):
    set_light(session=running, user=alice, light="red")
    page = _room(client, bob, running)
    reflection = reverse("repair:reflection", args=[running.code])
    assertContains(page, f'<a href="{reflection}">Write a short reflection</a>')
    assertNotContains(page, f'class="button" href="{reflection}"')
    assertContains(
        page,
        "If this brought up more than you can hold, "
        f'<a href="{reverse("privacy:safety")}">help is here</a>',
    )
