"""Someone new to a couple is offered a first step on Today; once taken, it goes away."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples import pairing
from couples.models import Role
from repair.models import Exercise
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADING = "Where to begin"


def exercise(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def test_a_new_couple_is_offered_an_orientation_and_a_first_exercise(
    client, alice, couple
):
    client.force_login(alice)
    response = client.get("/")
    assertContains(response, HEADING)
    assertContains(response, "Honesty and accountability")
    assertContains(response, "Pause, at the top of every screen")
    # Alice was hurt: the first exercise in the phase that is hers to do.
    question_box = exercise("question-box")
    assertContains(response, question_box.title)
    assertContains(response, f'value="/repair/exercises/{question_box.code}/"')


def test_the_partner_who_broke_trust_is_offered_their_own_first_exercise(
    client, bob, couple
):
    client.force_login(bob)
    assertContains(client.get("/"), exercise("accountability-letter").title)


def test_a_person_on_their_own_in_a_couple_is_offered_it_too(client, alice):
    pairing.start_couple(user=alice, role=Role.INJURED)
    client.force_login(alice)
    assertContains(client.get("/"), HEADING)


def test_taking_the_step_opens_the_exercise_and_the_offer_goes_away(
    client, alice, couple
):
    client.force_login(alice)
    target = f"/repair/exercises/{exercise('question-box').code}/"
    response = client.post("/first-step/", {"next": target})
    assertRedirects(response, target, fetch_redirect_response=False)
    alice.refresh_from_db()
    assert alice.first_step_taken_at is not None
    assertNotContains(client.get("/"), HEADING)


def test_putting_it_aside_goes_home_and_it_stays_away(client, alice, couple):
    client.force_login(alice)
    assertRedirects(client.post("/first-step/"), "/", fetch_redirect_response=False)
    assertNotContains(client.get("/"), HEADING)


def test_one_partner_taking_it_leaves_the_other_their_own(client, alice, bob, couple):
    client.force_login(alice)
    client.post("/first-step/")
    client.force_login(bob)
    assertContains(client.get("/"), HEADING)


def test_it_never_sends_anyone_to_another_site(client, alice, couple):
    client.force_login(alice)
    response = client.post("/first-step/", {"next": "https://elsewhere.example/"})
    assertRedirects(response, "/", fetch_redirect_response=False)


def test_someone_not_in_a_couple_is_not_offered_it(client):
    client.force_login(UserFactory(display_name="Robin"))
    assertNotContains(client.get("/"), HEADING)


def test_it_takes_a_post_from_someone_signed_in(client, alice):
    response = client.post("/first-step/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(alice)
    assert client.get("/first-step/").status_code == 405
