"""A red day holds back invitations to closeness from the other partner, now or later, kindly."""

import datetime
import re

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from checkins import daily
from checkins.models import SAFETY_FIELDS
from repair import journey, sessions
from repair.models import ExerciseSession

pytestmark = pytest.mark.django_db

KIND_NOTE = "may need some space today"


@pytest.fixture(autouse=True)
def phase_two(alice_m, bob_m):
    """Touch exercises open in phase 2; Alice, who was hurt, moves the couple on."""
    journey.propose_advance(membership=alice_m)


def _check_in(person, membership, light: str):
    return daily.record_checkin(
        user=person,
        membership=membership,
        light=light,
        scores=dict.fromkeys(SAFETY_FIELDS, 3),
    )


def _invite(client, person, exercise, **data):
    client.force_login(person)
    return client.post(
        f"/repair/exercises/{exercise.code}/invite/", {"when": "now", **data}
    )


def test_a_red_day_blocks_the_partners_now_invitation_with_a_kind_note(
    client, alice, bob, bob_m, touch_exercise
):
    _check_in(bob, bob_m, "red")
    response = _invite(client, alice, touch_exercise)
    assert response.status_code == 400
    assertContains(response, f"Bob {KIND_NOTE}", status_code=400)
    assertContains(response, "Nothing has been sent.", status_code=400)
    assert not ExerciseSession.objects.exists()
    for cold in ("declined", "rejected", "is waiting", "again?"):
        assertNotContains(response, cold, status_code=400)


def test_the_domain_refuses_it_too(alice_m, bob, bob_m, touch_exercise):
    _check_in(bob, bob_m, "red")
    with pytest.raises(sessions.RedDayError):
        sessions.invite(membership=alice_m, exercise=touch_exercise)
    assert not ExerciseSession.objects.exists()


def test_the_red_partner_can_still_invite_now_themselves(
    client, bob, bob_m, touch_exercise
):
    _check_in(bob, bob_m, "red")
    response = _invite(client, bob, touch_exercise)
    session = ExerciseSession.objects.get()
    assert response.status_code == 302
    assert response.url == f"/repair/sessions/{session.code}/"
    assert session.inviter == bob
    assert session.planned_for is None


def test_a_later_invitation_rests_too_on_a_red_day(
    client, alice, alice_m, bob, bob_m, touch_exercise
):
    """The guidance tells Alice to suggest another day, so even "later" waits until tomorrow."""
    _check_in(bob, bob_m, "red")
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    response = _invite(
        client,
        alice,
        touch_exercise,
        when="later",
        planned_for=later.strftime("%Y-%m-%dT%H:%M"),
    )
    assert response.status_code == 400
    assertContains(response, f"Bob {KIND_NOTE}", status_code=400)
    assertContains(response, "Nothing has been sent.", status_code=400)
    with pytest.raises(sessions.RedDayError):
        sessions.invite(membership=alice_m, exercise=touch_exercise, planned_for=later)
    assert not ExerciseSession.objects.exists()


def test_talking_exercises_stay_open_on_a_red_day(
    client, alice, bob, bob_m, talk_exercise
):
    _check_in(bob, bob_m, "red")
    assert _invite(client, alice, talk_exercise).status_code == 302
    assert ExerciseSession.objects.count() == 1


def test_the_exercise_page_shows_the_note_in_place_of_the_invitation(
    client, alice, bob, bob_m, touch_exercise
):
    _check_in(bob, bob_m, "red")
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{touch_exercise.code}/")
    assertContains(page, f"Bob {KIND_NOTE}")
    assertNotContains(page, 'value="now"')
    assertNotContains(page, 'value="later"')
    assertNotContains(page, "Send the invitation")
    note = sessions.red_day_message("Bob").lower()
    for pressure in ("upset", "angry", "hurt", "soon", "don't give up", "try again"):
        assert pressure not in note


def test_the_red_partners_own_page_offers_now(client, bob, bob_m, touch_exercise):
    _check_in(bob, bob_m, "red")
    client.force_login(bob)
    page = client.get(f"/repair/exercises/{touch_exercise.code}/")
    assertNotContains(page, KIND_NOTE)
    assertContains(page, 'value="now"')


def test_a_yellow_day_reminds_gently_to_ask_first_and_sends(
    client, alice, bob, bob_m, touch_exercise
):
    _check_in(bob, bob_m, "yellow")
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{touch_exercise.code}/")
    assertContains(page, "ask first how today is for them")
    assertContains(page, 'value="now"')
    assert _invite(client, alice, touch_exercise).status_code == 302


def test_a_green_day_or_no_check_in_changes_nothing(
    client, alice, bob, bob_m, touch_exercise
):
    client.force_login(alice)
    page = client.get(f"/repair/exercises/{touch_exercise.code}/")
    assertNotContains(page, KIND_NOTE)
    assertNotContains(page, "ask first")
    _check_in(bob, bob_m, "green")
    assert _invite(client, alice, touch_exercise).status_code == 302


def test_today_is_the_red_partners_own_today(client, alice, bob, bob_m, touch_exercise):
    """Bob lives fourteen hours ahead: his red from his yesterday no longer holds anything back."""
    bob.timezone = "Pacific/Kiritimati"
    bob.save(update_fields=["timezone"])
    # 20:00 in London (Alice's 10 March) is already 10:00 on 11 March for Bob.
    evening = datetime.datetime(2026, 3, 10, 20, 0, tzinfo=datetime.UTC)
    with time_machine.travel(evening - datetime.timedelta(hours=12), tick=False):
        _check_in(bob, bob_m, "red")  # Bob's 10 March
    with time_machine.travel(evening, tick=False):
        assert _invite(client, alice, touch_exercise).status_code == 302
        _check_in(bob, bob_m, "red")  # Bob's 11 March, his today
        response = _invite(client, alice, touch_exercise)
        assert response.status_code == 400
    assert ExerciseSession.objects.count() == 1


# The red partner's own pages: the partner's green is no headline -----------------------------------


def test_on_a_red_day_the_partners_green_is_not_a_headline(
    client, alice, alice_m, bob, bob_m
):
    _check_in(alice, alice_m, "green")
    _check_in(bob, bob_m, "red")
    client.force_login(bob)
    for path in ("/", "/checkins/"):
        page = client.get(path)
        assertNotContains(page, "light-dot--green")
        assertNotContains(page, "Alice: Green")
        assertContains(page, "Alice has checked in too.")
        assertContains(page, "it isn't something they're asking of you")
    # Alice, on a green day, still sees Bob's red plainly.
    client.force_login(alice)
    assertContains(client.get("/"), "Bob: Red")


def test_on_a_yellow_day_the_partners_green_shows_as_before(
    client, alice, alice_m, bob, bob_m
):
    _check_in(alice, alice_m, "green")
    _check_in(bob, bob_m, "yellow")
    client.force_login(bob)
    assertContains(client.get("/"), "Alice: Green")


# Consent choices look equal ---------------------------------------------------------------------


def _button_class(html: str, label: str) -> str:
    match = re.search(r'<button type="submit" class="([^"]+)">' + label, html)
    assert match, label
    return match.group(1)


def test_yes_and_not_now_are_buttons_of_the_same_weight(
    client, alice_m, bob, talk_exercise
):
    session = sessions.invite(membership=alice_m, exercise=talk_exercise)
    client.force_login(bob)
    html = client.get(f"/repair/sessions/{session.code}/").content.decode()
    assert _button_class(html, "Yes, let's") == _button_class(html, "Not now")
