"""The Repair page: the phases, where the couple is, and the exercises open to them."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples import pairing
from couples.access import active_membership
from couples.models import Role
from repair import done_marks, journey, suggestions
from repair.models import Exercise, Phase
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_phases_and_where_the_couple_is(client, alice, couple):
    client.force_login(alice)
    response = client.get("/repair/")
    assertContains(response, "Honesty and accountability")
    assertContains(response, "Non-sexual closeness")
    assertContains(response, 'aria-current="step"')
    assertContains(response, "You are here")
    assertContains(response, "The accountability letter")


def test_it_hides_the_exercises_of_later_phases(client, alice, couple):
    client.force_login(alice)
    response = client.get("/repair/")
    assertNotContains(response, "Holding hands")


def test_earlier_phases_stay_open_after_moving_on(client, alice, alice_m, couple):
    journey.propose_advance(membership=alice_m)
    client.force_login(alice)
    response = client.get("/repair/")
    assertContains(response, "Holding hands")
    assertContains(response, "The accountability letter")
    assertContains(response, "always open to you")


def test_it_shows_which_exercises_each_partner_has_done(
    client, alice, bob, alice_m, bob_m, solo_exercise
):

    done_marks.mark_done(membership=bob_m, exercise=solo_exercise, done=True)
    client.force_login(alice)
    assertContains(client.get("/repair/"), "Bob has done this")
    client.force_login(bob)
    assertContains(client.get("/repair/"), "You've done this")


def test_it_has_no_pressure_copy_or_counters(client, alice, couple):
    client.force_login(alice)
    page = client.get("/repair/").content.decode().lower()
    for word in ["streak", "waiting for you", "declined", "you haven't", "overdue"]:
        assert word not in page


def test_a_solo_partner_gets_a_kind_page(client):
    robin = UserFactory()
    pairing.start_couple(user=robin, role=Role.INJURED)
    client.force_login(robin)
    response = client.get("/repair/")
    assert response.status_code == 200
    assertContains(response, "Waiting for your partner, and that's fine")
    assertNotContains(response, "Suggest moving on")


def test_someone_without_a_couple_gets_a_kind_page(client):
    client.force_login(UserFactory())
    response = client.get("/repair/")
    assert response.status_code == 200
    assertContains(response, "Repair, when you're ready")


def test_anonymous_visitors_are_asked_to_sign_in(client):
    assertRedirects(
        client.get("/repair/"),
        "/accounts/login/?next=/repair/",
        fetch_redirect_response=False,
    )


def test_it_refuses_other_methods(client, alice, couple):
    client.force_login(alice)
    assert client.post("/repair/").status_code == 405


def test_it_is_never_cached(client, alice, couple):
    client.force_login(alice)
    cache_control = client.get("/repair/")["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def _grow(alice_m, bob_m, n: int) -> None:
    phase = Phase.objects.get(order=1)
    Exercise.objects.bulk_create(
        Exercise(
            phase=phase,
            slug=f"extra-{n}-{i}",
            title=f"Extra {i}",
            who="each",
            kind="reflection",
            instructions="Breathe.",
        )
        for i in range(n)
    )

    for exercise in Exercise.objects.filter(slug__startswith=f"extra-{n}-"):
        done_marks.mark_done(membership=alice_m, exercise=exercise, done=True)
    for _ in range(n // 2):
        journey.propose_advance(membership=bob_m)
        journey.decline_advance(
            membership=alice_m, code=journey.open_proposal(alice_m.couple).code
        )


@pytest.mark.parametrize("n", [1, 20, 200])
def test_the_page_costs_the_same_queries_however_much_there_is(
    client, alice, alice_m, bob_m, django_assert_max_num_queries, n
):
    _grow(alice_m, bob_m, n)
    client.force_login(alice)
    client.get("/repair/")  # the journey exists from here on
    with django_assert_max_num_queries(9):  # 8, and the login session without Redis
        response = client.get("/repair/")
    assertContains(response, f"Extra {n - 1}")


def test_it_shows_only_this_couples_open_suggestion_to_move_on(
    client, alice, bob_m, charlie
):
    journey.propose_advance(membership=bob_m)
    journey.withdraw_advance(
        membership=bob_m, code=journey.open_proposal(bob_m.couple).code
    )
    charlies = active_membership(charlie)
    journey.propose_advance(membership=charlies)  # in another couple, still open
    client.force_login(alice)
    page = client.get("/repair/")
    assertNotContains(page, "wonders whether")
    assertContains(page, "Move on to the next phase")


def test_a_therapist_suggestion_waits_for_its_phase(client, alice, alice_m, theo):
    later = Exercise.objects.get(slug="holding-hands")
    suggestions.suggest_exercise(
        couple=alice_m.couple, exercise=later, by=theo, note="When you get there"
    )
    client.force_login(alice)
    assertNotContains(client.get("/repair/"), "When you get there")
    journey.propose_advance(membership=alice_m)  # Alice was hurt: she moves them on
    page = client.get("/repair/")
    assertContains(page, "Suggested by your therapist")
    assertContains(page, "When you get there")


def test_a_therapist_suggestion_of_an_unpublished_exercise_is_not_shown(
    client, alice, couple, theo, solo_exercise
):
    suggestions.suggest_exercise(
        couple=couple, exercise=solo_exercise, by=theo, note="Take your time"
    )
    client.force_login(alice)
    assertContains(client.get("/repair/"), "Take your time")
    solo_exercise.published = False
    solo_exercise.save()
    assertNotContains(client.get("/repair/"), "Take your time")
