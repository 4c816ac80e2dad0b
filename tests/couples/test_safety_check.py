"""The private safety check and quiet mode, from the person's side and from their partner's."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checkins import consent
from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS, ConsentAnswer, ConsentItem
from core.crypto import DecryptionError
from couples import pause as pausing
from couples import safety_check
from couples.access import active_membership
from couples.models import SafetyCheck
from privacy import ownership
from repair import journey, sessions
from repair.models import Exercise, ExerciseSession, SessionStatus
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

CHECK = "/safety/check/"
RESULT = "/safety/check/result/"
QUIET_ON = "/safety/check/quiet/"
QUIET_OFF = "/safety/check/quiet/off/"
NOT_NOW = "/safety/check/not-now/"
WORRYING = {"fear": "yes", "harm": "no", "pressure": "no", "control": "sometimes"}
CALM = {"fear": "no", "harm": "no", "pressure": "no", "control": "no"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def talk_exercise() -> Exercise:
    return Exercise.objects.get(slug="daily-honesty")


def touch_exercise() -> Exercise:
    return Exercise.objects.get(slug="holding-hands")


@pytest.fixture
def in_phase_two(alice, couple):
    """Where touch exercises are: Alice, who was hurt, moves the couple on."""
    journey.propose_advance(membership=active_membership(alice))


def check_in(user, light: str) -> None:
    record_checkin(
        user=user,
        membership=active_membership(user),
        light=light,
        scores=dict.fromkeys(SAFETY_FIELDS, 3),
        note=f"A shared line from {user.display_name}",
        note_shared=True,
    )


def quiet_mode_for(user) -> Client:
    client = signed_in(user)
    client.post(CHECK, WORRYING)
    assertRedirects(client.post(QUIET_ON), RESULT)
    return client


# The check ---------------------------------------------------------------------------------------


def test_the_hurt_partner_is_asked_the_four_questions_and_not_about_an_affair(
    alice, couple
):
    page = signed_in(alice).get(CHECK)
    for words in (
        "afraid of your partner",
        "hurt you, or threatened to",
        "pressured you into sexual things",
        "your phone, your money, or where you go",
    ):
        assertContains(page, words)
    assertNotContains(page, "affair or contact")
    assertContains(page, "rather not say")


def test_the_partner_who_broke_trust_is_also_asked_whether_the_affair_has_ended(
    bob, couple
):
    assertContains(signed_in(bob).get(CHECK), "Has the affair or contact")


def test_a_new_partner_finds_the_check_offered_on_today_until_they_answer(
    alice, bob, couple
):
    client = signed_in(alice)
    assertContains(client.get("/"), "A private moment first")
    assertContains(client.get("/"), f'href="{CHECK}"')
    client.post(CHECK, CALM)
    assertNotContains(client.get("/"), "A private moment first")
    # Bob has not answered: his Today still offers it.
    assertContains(signed_in(bob).get("/"), "A private moment first")


def test_not_now_sets_the_offer_aside_and_keeps_the_check_on_its_page(alice, couple):
    client = signed_in(alice)
    assertRedirects(client.post(NOT_NOW), "/")
    assertNotContains(client.get("/"), "A private moment first")
    assertContains(client.get(CHECK), "Save my answers")
    assert safety_check.answers_of(active_membership(alice)) == {}


def test_the_answers_are_sealed_to_their_row(alice, bob, couple):
    signed_in(alice).post(CHECK, WORRYING)
    signed_in(bob).post(CHECK, CALM | {"ended": "not-ended"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, sealed FROM couples_safetycheck ORDER BY id")
        rows = cursor.fetchall()
    assert len(rows) == 2
    for _, raw in rows:
        assert "fear" not in raw
        assert "sometimes" not in raw
    # Alice's sealed answers copied into Bob's row do not open there.
    (alice_id, alice_raw), (bob_id, _) = rows
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE couples_safetycheck SET sealed = %s WHERE id = %s",
            [alice_raw, bob_id],
        )
    with pytest.raises(DecryptionError):
        safety_check.answers_of(active_membership(bob))


def test_saved_answers_come_back_on_the_page_for_their_owner(alice, couple):
    client = signed_in(alice)
    client.post(CHECK, WORRYING)
    assertContains(client.get(CHECK), 'value="sometimes" id="id_control_1" checked')


def test_an_answer_that_is_not_a_choice_is_not_kept(alice, couple):
    response = signed_in(alice).post(CHECK, {"fear": "maybe-later", "harm": "no"})
    assert response.status_code == 400
    assert safety_check.answers_of(active_membership(alice)) == {}


# The result --------------------------------------------------------------------------------------


def test_a_worrying_answer_shows_help_at_once_and_offers_quiet_mode(alice, couple):
    client = signed_in(alice)
    assertRedirects(client.post(CHECK, WORRYING), RESULT)
    page = client.get(RESULT)
    assertContains(page, 'href="/safety/#help-now"')
    assertContains(page, 'href="/safety/#when-to-wait"')
    assertContains(page, "On a shared phone or computer")
    assertContains(page, "Support just for you")
    assertContains(page, "Turn on quiet mode")
    assertContains(page, f'action="{QUIET_ON}"')


def test_an_affair_still_going_on_is_a_worrying_answer_too(bob, couple):
    client = signed_in(bob)
    client.post(CHECK, CALM | {"ended": "not-fully"})
    page = client.get(RESULT)
    assertContains(page, "until the affair or contact has ended")
    assertContains(page, "Turn on quiet mode")
    assertNotContains(page, "afraid of their partner, hurt")


def test_calm_answers_offer_no_quiet_mode_but_still_say_where_help_is(alice, couple):
    client = signed_in(alice)
    client.post(CHECK, CALM)
    page = client.get(RESULT)
    assertNotContains(page, "Turn on quiet mode")
    assertContains(page, 'href="/safety/#help-now"')


def test_the_result_page_asks_for_answers_first(alice, couple):
    assertRedirects(signed_in(alice).get(RESULT), CHECK)


# Quiet mode ----------------------------------------------------------------------------------------


def test_quiet_mode_is_a_pause_of_the_person_who_turned_it_on(alice, couple):
    client = quiet_mode_for(alice)
    membership = active_membership(alice)
    assert pausing.is_paused(couple.pk)
    assert safety_check.quiet_pause(membership) == pausing.open_pause_for(membership)
    assertContains(client.get("/couples/pause/"), "Quiet mode is on")
    assertContains(client.get(RESULT), "Turn quiet mode off")


def test_only_the_person_who_turned_quiet_mode_on_can_turn_it_off(alice, bob, couple):
    quiet_mode_for(alice)
    partner = signed_in(bob)
    partner.post(QUIET_OFF)
    partner.post("/couples/resume/")
    assert pausing.is_paused(couple.pk)
    assert safety_check.quiet_pause(active_membership(alice)) is not None
    assertRedirects(signed_in(alice).post(QUIET_OFF), "/")
    assert not pausing.is_paused(couple.pk)
    assert safety_check.quiet_pause(active_membership(alice)) is None


def test_turning_quiet_mode_off_leaves_an_ordinary_pause_of_ones_own_alone(
    alice, bob, couple
):
    pausing.start_pause(membership=active_membership(bob))
    signed_in(bob).post(QUIET_OFF)
    assert pausing.open_pause_for(active_membership(bob)) is not None
    assert not SafetyCheck.objects.exists()


def test_quiet_mode_ends_a_live_session_and_blocks_starting_one(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    running = sessions.invite(
        membership=active_membership(bob), exercise=talk_exercise()
    )
    sessions.accept(session=running, user=alice)
    sessions.mark_ready(session=running, user=alice)
    sessions.mark_ready(session=running, user=bob)
    with django_capture_on_commit_callbacks(execute=True):
        quiet_mode_for(alice)
    running.refresh_from_db()
    assert running.status == SessionStatus.ENDED
    assert running.end_reason == ExerciseSession.EndReason.PAUSE
    with pytest.raises(sessions.SessionError):
        sessions.invite(
            membership=active_membership(bob),
            exercise=touch_exercise(),
            planned_for=running.started_at,
        )


def test_quiet_mode_blocks_now_invitations_of_every_kind(
    alice, bob, couple, in_phase_two
):
    quiet_mode_for(alice)
    partner = signed_in(bob)
    for exercise in (talk_exercise(), touch_exercise()):
        page = partner.get(f"/repair/exercises/{exercise.code}/")
        assertContains(page, "A pause is on")
        assertNotContains(page, "Send the invitation")
        response = partner.post(
            f"/repair/exercises/{exercise.code}/invite/", {"when": "now"}
        )
        assert response.status_code == 400
    assert not ExerciseSession.objects.exists()


def test_quiet_mode_blocks_answering_an_invitation_sent_before_it(alice, bob, couple):
    waiting = ExerciseSession.objects.create(
        couple=couple,
        exercise=talk_exercise(),
        inviter=bob,
        invitee=alice,
        awaiting=alice,
    )
    pausing.start_pause(
        membership=active_membership(alice)
    )  # no on_commit in this test
    safety_check.turn_on_quiet_mode(membership=active_membership(alice))
    with pytest.raises(sessions.SessionError):
        sessions.accept(session=waiting, user=alice)


def test_quiet_mode_rests_the_consent_menu_page_and_every_answer(alice, bob, couple):
    consent.opt_in(membership=active_membership(alice))
    consent.opt_in(membership=active_membership(bob))
    item = ConsentItem.objects.filter(published=True).first()
    quiet_mode_for(alice)
    for person in (alice, bob):
        client = signed_in(person)
        page = client.get("/checkins/consent/")
        assertContains(page, "this list rests for you both")
        assertNotContains(page, 'name="item"')
        client.post(
            "/checkins/consent/answer/",
            {"item": item.slug, f"item-{item.slug}-answer": "yes"},
        )
        response = client.post(
            "/checkins/consent/answer/",
            {"item": item.slug, f"item-{item.slug}-answer": "yes"},
            headers={"HX-Request": "true"},
        )
        assert response["HX-Redirect"] == "/checkins/consent/"
        client.post("/checkins/consent/", {f"item-{item.slug}-answer": "yes"})
    assert not ConsentAnswer.objects.exists()


def test_quiet_mode_rests_the_check_in_reveal_both_ways(alice, bob, couple):
    check_in(alice, "red")
    check_in(bob, "green")
    assertContains(signed_in(bob).get("/checkins/"), "A shared line from Alice")
    quiet_mode_for(alice)
    for person, other in ((alice, bob), (bob, alice)):
        client = signed_in(person)
        for path in ("/", "/checkins/"):
            page = client.get(path)
            assertContains(page, "check-in lights stay with each of you")
            assertNotContains(page, f"A shared line from {other.display_name}")
            their_light = "green" if other == bob else "red"
            assertNotContains(page, f"light-dot--{their_light}")


def test_a_pause_keeps_quiet_about_the_partners_red_day_on_exercise_pages(
    alice, bob, couple, in_phase_two
):
    check_in(alice, "red")
    quiet_mode_for(alice)
    page = signed_in(bob).get(f"/repair/exercises/{touch_exercise().code}/")
    assertNotContains(page, "may need some space today")


# Who can reach it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", CHECK),
        ("post", CHECK),
        ("get", RESULT),
        ("post", NOT_NOW),
        ("post", QUIET_ON),
        ("post", QUIET_OFF),
    ],
)
def test_someone_outside_any_couple_gets_404(method, path, db):
    loner = UserFactory(email="uma@example.com", display_name="Uma")
    assert getattr(signed_in(loner), method)(path).status_code == 404
    assert not SafetyCheck.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", RESULT), ("get", NOT_NOW), ("get", QUIET_ON), ("get", QUIET_OFF)],
)
def test_wrong_methods_are_refused(method, path, alice, couple):
    assert getattr(signed_in(alice), method)(path).status_code == 405


def test_signing_in_comes_first(couple):
    response = Client().get(CHECK)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_someone_in_another_couple_never_touches_this_couples_pause(
    alice, charlie, couple
):
    quiet_mode_for(alice)
    signed_in(charlie).post(QUIET_OFF)
    assert pausing.is_paused(couple.pk)


# Export and deletion -----------------------------------------------------------------------------


def test_the_persons_own_export_has_their_answers_and_the_partners_has_none(
    alice, bob, couple
):
    quiet_mode_for(alice)
    mine = json.dumps(ownership.export_for(alice))
    theirs = json.dumps(ownership.export_for(bob))
    assert '\\"fear\\": \\"yes\\"' in mine
    assert "couples.SafetyCheck" in theirs  # the section is there, and empty
    (section,) = [
        s
        for s in ownership.export_for(bob)["sections"]
        if s["model"] == "couples.SafetyCheck"
    ]
    assert section["rows"] == []
    assert "fear" not in theirs
    assert "quiet_pause" not in theirs


def test_deleting_the_account_removes_the_check(alice, bob, couple):
    quiet_mode_for(alice)
    signed_in(bob).post(CHECK, CALM)
    ownership.delete_account(user=alice)
    assert list(SafetyCheck.objects.values_list("user_id", flat=True)) == [bob.pk]


def test_the_safety_page_offers_the_check_to_someone_in_a_couple(client, alice, couple):
    client.force_login(alice)
    assert reverse("safety_check:check") in client.get("/safety/").text
    client.logout()
    assert reverse("safety_check:check") not in client.get("/safety/").text
