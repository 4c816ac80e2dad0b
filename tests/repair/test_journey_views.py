"""The buttons that move a couple between phases."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples.models import Role
from repair import journey
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db


def test_the_hurt_partner_moves_on_with_one_press(client, alice, couple):
    client.force_login(alice)
    assertRedirects(client.post("/repair/move-on/"), "/repair/")
    assert journey.journey_for(couple).phase.order == 2


def test_the_involved_partner_suggests_and_the_hurt_partner_sees_it(
    client, alice, bob, couple
):
    client.force_login(bob)
    client.post("/repair/move-on/")
    assertContains(client.get("/repair/"), "Take the suggestion back")
    assert journey.journey_for(couple).phase.order == 1
    client.force_login(alice)
    page = client.get("/repair/")
    assertContains(page, "Yes, let's move on")
    assertContains(page, "Not yet")


def test_the_hurt_partner_confirms(client, alice, bob_m, couple):
    proposal = journey.propose_advance(membership=bob_m)
    client.force_login(alice)
    response = client.post(f"/repair/move-on/{proposal.code}/confirm/", follow=True)
    assertContains(response, "You&#x27;ve moved on together")
    assert journey.journey_for(couple).phase.order == 2


def test_the_involved_partner_cannot_confirm_by_posting(client, bob, bob_m, couple):
    proposal = journey.propose_advance(membership=bob_m)
    client.force_login(bob)
    client.post(f"/repair/move-on/{proposal.code}/confirm/")
    assert journey.journey_for(couple).phase.order == 1


def test_not_yet_keeps_the_couple_where_they_are(client, alice, bob_m, couple):
    proposal = journey.propose_advance(membership=bob_m)
    client.force_login(alice)
    response = client.post(f"/repair/move-on/{proposal.code}/not-yet/", follow=True)
    assertContains(response, "There&#x27;s no hurry")
    assert journey.journey_for(couple).phase.order == 1


def test_the_proposer_can_take_it_back(client, bob, bob_m, couple):
    proposal = journey.propose_advance(membership=bob_m)
    client.force_login(bob)
    client.post(f"/repair/move-on/{proposal.code}/withdraw/")
    assert journey.open_proposal(couple) is None


def test_either_partner_steps_back_without_a_reason(client, bob, alice_m, couple):
    journey.propose_advance(membership=alice_m)
    client.force_login(bob)
    response = client.post("/repair/step-back/", follow=True)
    assertContains(response, "Going back is part of the work")
    assert journey.journey_for(couple).phase.order == 1


@pytest.mark.parametrize("step", ["confirm", "not-yet", "withdraw"])
def test_an_outsider_cannot_touch_someone_elses_proposal(
    client, bob, couple, other_couple_with_data, step
):
    other = other_couple_with_data
    proposal = journey.propose_advance(membership=couple.memberships.get(user=bob))
    client.force_login(other.charlie)
    assert client.post(f"/repair/move-on/{proposal.code}/{step}/").status_code == 404
    assert journey.journey_for(couple).phase.order == 1
    assert journey.open_proposal(couple) == proposal
    # Charlie's own couple is untouched too.
    assert journey.journey_for(other.couple).phase.order == 2
    assert journey.open_proposal(other.couple) is None


@pytest.mark.parametrize(
    "path", ["/repair/move-on/", "/repair/step-back/", "/repair/history/"]
)
def test_anonymous_visitors_are_asked_to_sign_in(client, path):
    response = client.post(path) if "history" not in path else client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/repair/move-on/", "/repair/step-back/"])
def test_moves_refuse_get(client, alice, couple, path):
    client.force_login(alice)
    assert client.get(path).status_code == 405


def test_the_history_lists_every_change_with_its_time(client, alice, bob, alice_m):
    journey.propose_advance(membership=alice_m)
    client.force_login(bob)
    page = client.get("/repair/history/")
    assertContains(page, "Your journey began in")
    assertContains(page, "moved you both on to <strong>Non-sexual closeness</strong>")
    assertContains(page, "<time datetime=")


def test_the_history_shows_only_the_askers_own_couple(
    client, alice, bob, couple, other_couple_with_data
):
    other = other_couple_with_data  # Charlie moved them on to the second phase
    journey.propose_advance(membership=couple.memberships.get(user=bob))
    client.force_login(other.charlie)
    page = client.get("/repair/history/")
    assertContains(page, "moved you both on to <strong>Non-sexual closeness")
    assertNotContains(page, "Bob")
    for person in (alice, bob):
        client.force_login(person)
        page = client.get("/repair/history/")
        assertContains(page, "suggested moving on to <strong>Non-sexual closeness")
        assertNotContains(page, "moved you both on")
        assertNotContains(page, "Charlie")


def test_the_history_is_not_there_without_a_couple(client):
    client.force_login(UserFactory())
    assert client.get("/repair/history/").status_code == 404


def test_the_history_refuses_post(client, alice, couple):
    client.force_login(alice)
    assert client.post("/repair/history/").status_code == 405


def test_with_mutual_roles_the_proposer_cannot_confirm_by_posting(client):
    robin = UserFactory(display_name="Robin")
    sam = UserFactory(display_name="Sam")
    couple = pair(robin, sam, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    client.force_login(robin)
    assertRedirects(client.post("/repair/move-on/"), "/repair/")
    proposal = journey.open_proposal(couple)
    assert proposal.proposed_by == robin

    page = client.get("/repair/")
    assertContains(page, "Take the suggestion back")
    assertNotContains(page, "Yes, let's move on")
    response = client.post(f"/repair/move-on/{proposal.code}/confirm/", follow=True)
    assertRedirects(response, "/repair/")
    assertNotContains(response, "moved on together")
    assert journey.journey_for(couple).phase.order == 1
    assert journey.open_proposal(couple) == proposal

    # Sam's yes is the one that moves them on.
    client.force_login(sam)
    assertContains(client.get("/repair/"), "Yes, let's move on")
    response = client.post(f"/repair/move-on/{proposal.code}/confirm/", follow=True)
    assertContains(response, "You&#x27;ve moved on together")
    assert journey.journey_for(couple).phase.order == 2
