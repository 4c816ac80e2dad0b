"""Moving into the phase about sexual intimacy starts with the hurt partner and needs both yeses.

Only the hurt partner can ask (either partner when both broke trust), nobody is moved into it
without their own yes, and stepping back still needs nobody."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from couples.access import active_membership
from couples.models import Role
from repair import journey
from repair.models import PhaseProposal
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db


def _phase(couple) -> int:
    return journey.journey_for(couple).phase.order


@pytest.fixture
def in_phase_two(couple, alice_m):
    journey.propose_advance(membership=alice_m)  # Alice was hurt: phase 2 at once
    assert _phase(couple) == 2


def test_the_hurt_partner_asking_does_not_move_anyone_into_it(
    couple, alice_m, bob_m, in_phase_two
):
    proposal = journey.propose_advance(membership=alice_m)
    assert _phase(couple) == 2
    assert proposal.closed_at is None
    # Her own yes doesn't count twice.
    with pytest.raises(journey.JourneyError):
        journey.confirm_advance(membership=alice_m, code=proposal.code)
    journey.confirm_advance(membership=bob_m, code=proposal.code)
    assert _phase(couple) == 3


def test_the_other_partner_can_say_not_yet_to_the_hurt_partners_ask(
    couple, alice_m, bob_m, in_phase_two
):
    proposal = journey.propose_advance(membership=alice_m)
    journey.decline_advance(membership=bob_m, code=proposal.code)
    proposal.refresh_from_db()
    assert proposal.outcome == PhaseProposal.Outcome.NOT_YET
    assert _phase(couple) == 2


def test_the_partner_who_broke_trust_cannot_ask(couple, alice_m, bob_m, in_phase_two):
    with pytest.raises(journey.JourneyError, match="starts with Alice"):
        journey.propose_advance(membership=bob_m)
    assert _phase(couple) == 2
    assert not PhaseProposal.objects.filter(couple=couple, closed_at=None).exists()


@pytest.mark.parametrize("asker_index", [0, 1])
def test_when_both_broke_trust_either_asks_and_the_other_confirms(asker_index):
    people = [UserFactory(display_name="Robin"), UserFactory(display_name="Sam")]
    couple = pair(*people, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    asker, other = (
        active_membership(p) for p in (people[asker_index], people[1 - asker_index])
    )
    first = journey.propose_advance(membership=asker)
    journey.confirm_advance(membership=other, code=first.code)
    assert _phase(couple) == 2
    proposal = journey.propose_advance(membership=asker)
    assert _phase(couple) == 2
    journey.confirm_advance(membership=other, code=proposal.code)
    assert _phase(couple) == 3


def test_stepping_back_out_of_it_still_needs_nobody(
    couple, alice_m, bob_m, in_phase_two
):
    proposal = journey.propose_advance(membership=alice_m)
    journey.confirm_advance(membership=bob_m, code=proposal.code)
    journey.step_back(membership=bob_m)
    assert _phase(couple) == 2


def test_the_first_move_still_follows_the_hurt_partner_alone(couple, alice_m):
    journey.propose_advance(membership=alice_m)
    assert _phase(couple) == 2


# The pages ---------------------------------------------------------------------------------------


def test_the_hurt_partner_is_told_both_say_yes_before_asking(
    client, alice, in_phase_two
):
    client.force_login(alice)
    page = client.get("/repair/")
    assertContains(page, "moving on is something you both say yes to")
    assertContains(page, "Ask Bob about moving on")
    assertNotContains(page, "your suggestion is enough")


def test_the_ask_reads_calmly_on_both_screens(client, alice, bob, couple, in_phase_two):
    client.force_login(alice)
    client.post("/repair/move-on/", {"from_phase": "closeness"})
    assert _phase(couple) == 2
    mine = client.get("/repair/")
    assertContains(mine, "You asked Bob about moving on")
    assertContains(mine, "You'll move on only if you both say yes")
    assertContains(mine, "Take the question back")
    client.force_login(bob)
    theirs = client.get("/repair/")
    assertContains(theirs, "Yes, I'd like that too")
    assertContains(theirs, "Not yet")
    assertContains(theirs, "nobody needs a reason")
    for page in (mine, theirs):
        assertNotContains(page, "waiting for you")
        assertNotContains(page, "is waiting")


def test_the_partner_who_broke_trust_sees_a_calm_line_not_the_ask(
    client, bob, couple, in_phase_two
):
    client.force_login(bob)
    page = client.get("/repair/")
    assertContains(page, "Moving into the next phase starts with Alice, whenever they")
    assertContains(page, "There's nothing you need to do.")
    assertNotContains(page, "Ask Alice about moving on")
    assertNotContains(page, 'action="/repair/move-on/"')


def test_the_partner_who_broke_trust_asking_by_post_is_refused_politely(
    client, bob, couple, in_phase_two
):
    client.force_login(bob)
    answer = client.post("/repair/move-on/", {"from_phase": "closeness"}, follow=True)
    assert answer.redirect_chain == [("/repair/", 302)]
    assertContains(answer, "Moving into the next phase starts with Alice")
    assert _phase(couple) == 2
    assert not PhaseProposal.objects.filter(couple=couple, to_phase__order=3).exists()


def test_both_yeses_move_them_on_by_the_buttons(
    client, alice, bob, alice_m, couple, in_phase_two
):
    proposal = journey.propose_advance(membership=alice_m)
    client.force_login(bob)
    client.post(f"/repair/move-on/{proposal.code}/confirm/")
    assert _phase(couple) == 3


def test_not_yet_is_acknowledged_kindly_on_both_screens(
    client, alice, bob, alice_m, couple, in_phase_two
):
    proposal = journey.propose_advance(membership=alice_m)
    client.force_login(bob)
    answered = client.post(f"/repair/move-on/{proposal.code}/not-yet/", follow=True)
    assertContains(answered, "There&#x27;s no hurry")
    assertContains(answered, "You chose to stay here for now")
    assert _phase(couple) == 2
    client.force_login(alice)
    page = client.get("/repair/")
    assertContains(page, "Bob would rather stay here for now")
    assertContains(page, "That can be hard to hear. It isn't a verdict on you")
    assertContains(
        page, "Ask Bob about moving on"
    )  # she sets the pace: hers to raise again
    client.force_login(bob)
    his = client.get("/repair/")
    assertNotContains(
        his, "Ask Alice about moving on"
    )  # no button straight back at her
    for screen in (answered, page, his):
        assertNotContains(screen, "That's a good answer")
        assertNotContains(screen, "good answer to hear")


def test_a_mutual_couple_reads_the_same_both_yes_copy(client):
    robin, sam = UserFactory(display_name="Robin"), UserFactory(display_name="Sam")
    couple = pair(robin, sam, first_role=Role.MUTUAL, second_role=Role.MUTUAL)

    first = journey.propose_advance(membership=active_membership(robin))
    journey.confirm_advance(membership=active_membership(sam), code=first.code)
    assert _phase(couple) == 2
    client.force_login(sam)
    assertContains(client.get("/repair/"), "Ask Robin about moving on")
