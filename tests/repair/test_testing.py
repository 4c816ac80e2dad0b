"""Testing before sexual exercises: the partner who was hurt may ask for it; each person says
"done" for themselves; the partner sees "done" or "not yet" and nothing more; sexual exercises
wait until both have said it; only the asker takes the request back."""

import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from couples.access import active_membership
from privacy import ownership
from repair import journey, sessions, testing
from repair.models import Exercise, Phase, StiTesting, StiTestingDone
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db

PAGE = reverse("repair:testing")
ASKED = "Testing has been asked for before sexual exercises"


@pytest.fixture
def in_phase_three(couple):
    j = journey.journey_for(couple)
    j.phase = Phase.objects.get(order=3)
    j.save(update_fields=["phase"])
    return couple


@pytest.fixture
def sexual_exercise(db):
    exercise = Exercise.objects.get(slug="sensate-focus-boundaries")
    assert testing.gates(exercise)
    return exercise


@pytest.fixture
def asked(alice_m):
    return testing.ask(membership=alice_m)


def _signed_in(client, user):
    client.force_login(user)
    return client


# Asking -------------------------------------------------------------------------------------------


def test_the_hurt_partner_asks_and_both_see_it_without_detail(
    client, alice, bob, couple
):
    page = _signed_in(client, alice).get(PAGE)
    assertContains(page, "Ask for testing first")
    response = client.post(reverse("repair:testing_ask"))
    assert response.status_code == 302
    assert StiTesting.objects.filter(couple=couple, asked_by=alice).exists()
    for person in (alice, bob):
        page = _signed_in(client, person).get(PAGE)
        assertContains(page, ASKED)
        assertContains(page, "not yet")
        assertContains(page, "I've done it")


def test_the_partner_who_broke_trust_cannot_ask(client, bob, couple):
    page = _signed_in(client, bob).get(PAGE)
    assertNotContains(page, "Ask for testing first")
    assert client.post(reverse("repair:testing_ask")).status_code == 403
    assert not StiTesting.objects.exists()


def test_with_mutual_roles_either_partner_may_ask(client, alice, bob):
    pair(alice, bob, first_role="mutual", second_role="mutual")
    _signed_in(client, bob).post(reverse("repair:testing_ask"))
    assert StiTesting.objects.filter(asked_by=bob).exists()


def test_asking_twice_keeps_one_request(alice_m):
    testing.ask(membership=alice_m)
    testing.ask(membership=alice_m)
    assert StiTesting.objects.count() == 1


# Done, privately -----------------------------------------------------------------------------------


def test_the_partner_sees_only_done_or_not_yet(client, alice, bob, bob_m, asked):
    testing.mark_done(membership=bob_m, done=True)
    page = _signed_in(client, alice).get(PAGE)
    assertContains(page, "<strong>Bob:</strong> done", html=False)
    assertContains(page, "<strong>You:</strong> not yet", html=False)
    done_at = StiTestingDone.objects.get(user=bob).done_at
    # No date of Bob's "done" in any form, and no medical words beyond the request itself.
    for shown in (done_at.strftime("%d %B"), done_at.strftime("%H:%M")):
        assertNotContains(page, shown)
    status = page.content.decode().split('class="plain-list testing-status">')[1]
    assert status.split("</ul>")[0].count("<li>") == 2


def test_each_person_marks_only_their_own_done_and_can_take_it_back(
    client, bob, alice, asked
):
    _signed_in(client, bob).post(reverse("repair:testing_done"), {"done": "yes"})
    assert list(StiTestingDone.objects.values_list("user_id", flat=True)) == [bob.pk]
    client.post(reverse("repair:testing_done"), {"done": "no"})
    assert not StiTestingDone.objects.exists()


def test_done_without_a_request_changes_nothing(client, bob, couple):
    response = _signed_in(client, bob).post(
        reverse("repair:testing_done"), {"done": "yes"}
    )
    assert response.status_code == 302
    assert not StiTestingDone.objects.exists()


# Withdrawing --------------------------------------------------------------------------------------


def test_only_the_asker_can_take_the_request_back(client, alice, bob, asked):
    page = _signed_in(client, bob).get(PAGE)
    assertNotContains(page, "Take back the request")
    assert client.post(reverse("repair:testing_withdraw")).status_code == 403
    assert StiTesting.objects.exists()
    _signed_in(client, alice).post(reverse("repair:testing_withdraw"))
    assert not StiTesting.objects.exists()


def test_taking_it_back_clears_both_dones(alice_m, bob_m, asked):
    testing.mark_done(membership=bob_m, done=True)
    testing.withdraw(membership=alice_m)
    assert not StiTestingDone.objects.exists()


# Sexual exercises wait ------------------------------------------------------------------------------


def test_while_asked_a_sexual_exercise_cannot_be_started(
    alice_m, bob_m, asked, sexual_exercise
):
    with pytest.raises(sessions.SessionError, match="Testing has been asked for"):
        sessions.invite(membership=bob_m, exercise=sexual_exercise)
    testing.mark_done(membership=bob_m, done=True)
    with pytest.raises(sessions.SessionError):
        sessions.invite(membership=alice_m, exercise=sexual_exercise)


def test_other_exercises_stay_open(alice_m, asked, touch_exercise, talk_exercise):
    assert sessions.invite(membership=alice_m, exercise=touch_exercise)
    assert sessions.invite(membership=alice_m, exercise=talk_exercise)


def test_once_both_say_done_the_sexual_exercise_can_start(
    alice, bob, alice_m, bob_m, asked, sexual_exercise
):
    testing.mark_done(membership=alice_m, done=True)
    testing.mark_done(membership=bob_m, done=True)
    session = sessions.invite(membership=alice_m, exercise=sexual_exercise)
    session = sessions.accept(session=session, user=bob)
    sessions.mark_ready(session=session, user=alice)
    assert sessions.mark_ready(session=session, user=bob).status == "running"


def test_asked_after_an_invitation_the_session_cannot_start(
    alice, bob, alice_m, bob_m, sexual_exercise
):
    session = sessions.invite(membership=bob_m, exercise=sexual_exercise)
    testing.ask(membership=alice_m)
    with pytest.raises(sessions.SessionError):
        sessions.accept(session=session, user=alice)


def test_asked_while_getting_ready_the_session_cannot_start(
    alice, bob, alice_m, bob_m, sexual_exercise
):
    session = sessions.invite(membership=bob_m, exercise=sexual_exercise)
    session = sessions.accept(session=session, user=alice)
    testing.ask(membership=alice_m)
    with pytest.raises(sessions.SessionError):
        sessions.mark_ready(session=session, user=alice)


def test_the_exercise_page_says_calmly_why_it_waits(
    client, bob, in_phase_three, asked, sexual_exercise
):
    page = _signed_in(client, bob).get(
        reverse("repair:exercise", args=[sexual_exercise.code])
    )
    assertContains(page, "so this one waits until you've both said it's done")
    assertContains(page, f'href="{PAGE}"')
    assertNotContains(page, reverse("repair:invite", args=[sexual_exercise.code]))


def test_an_invitation_posted_anyway_is_refused_kindly(
    client, bob, in_phase_three, asked, sexual_exercise
):
    response = _signed_in(client, bob).post(
        reverse("repair:invite", args=[sexual_exercise.code]), {"when": "now"}
    )
    assert response.status_code == 400
    assert not sexual_exercise.sessions.exists()


def test_the_repair_page_links_to_testing_in_phase_three(client, alice, in_phase_three):
    assertContains(_signed_in(client, alice).get(reverse("repair:index")), PAGE)


# Who can see it -----------------------------------------------------------------------------------


def test_a_therapist_and_someone_without_a_couple_get_404(client, theo, asked):
    for person in (theo, UserFactory(email="solo@example.com")):
        _signed_in(client, person)
        assert client.get(PAGE).status_code == 404
        assert client.post(reverse("repair:testing_ask")).status_code == 404
        assert client.post(reverse("repair:testing_done")).status_code == 404
        assert client.post(reverse("repair:testing_withdraw")).status_code == 404
    assert StiTesting.objects.count() == 1
    assert not StiTestingDone.objects.exists()


def test_an_outsider_changes_nothing_of_this_couples(client, charlie, alice, asked):
    _signed_in(client, charlie)
    client.post(reverse("repair:testing_done"), {"done": "yes"})
    client.post(reverse("repair:testing_withdraw"))
    assert StiTesting.objects.get().asked_by == alice
    assert not StiTestingDone.objects.exists()


def test_another_couples_request_is_not_shown(client, charlie, asked):
    _signed_in(client, charlie)
    # Charlie has his own couple: he sees his own, empty state.
    charlie_m = active_membership(charlie)
    assert charlie_m is not None
    assertNotContains(client.get(PAGE), ASKED)


def test_wrong_methods_answer_405(client, alice, couple):
    _signed_in(client, alice)
    assert client.post(PAGE).status_code == 405
    for name in ("testing_ask", "testing_done", "testing_withdraw"):
        assert client.get(reverse(f"repair:{name}")).status_code == 405


# Each person's own ----------------------------------------------------------------------------------


def test_export_has_each_persons_own_rows_only(client, alice, bob, bob_m, asked):
    testing.mark_done(membership=bob_m, done=True)
    alice_data = json.loads(
        _signed_in(client, alice).get(reverse("privacy:export_download")).content
    )
    counts = {s["model"]: len(s["rows"]) for s in alice_data["sections"]}
    assert counts["repair.StiTesting"] == 1
    assert counts["repair.StiTestingDone"] == 0
    bob_data = json.loads(
        _signed_in(client, bob).get(reverse("privacy:export_download")).content
    )
    counts = {s["model"]: len(s["rows"]) for s in bob_data["sections"]}
    assert counts["repair.StiTesting"] == 0
    assert counts["repair.StiTestingDone"] == 1


def test_deleting_the_account_removes_the_persons_rows(alice, bob, bob_m, asked):
    testing.mark_done(membership=bob_m, done=True)
    ownership.delete_account(user=bob)
    assert not StiTestingDone.objects.exists()
    assert StiTesting.objects.filter(asked_by=alice).exists()
