"""Domain rules of the journey: the hurt partner sets the pace; stepping back needs nobody."""

import pytest

from couples import pairing
from couples.access import active_membership
from couples.models import Role
from repair import journey
from repair.models import JourneyEvent, PhaseProposal
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db


def _kinds(couple) -> list[str]:
    return list(
        JourneyEvent.objects.filter(couple=couple)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def test_a_couple_starts_in_the_first_phase(couple):
    assert journey.journey_for(couple).phase.order == 1
    assert _kinds(couple) == ["started"]


def test_when_the_hurt_partner_proposes_it_is_their_confirmation(couple, alice_m):
    journey.propose_advance(membership=alice_m)
    assert journey.journey_for(couple).phase.order == 2
    assert _kinds(couple) == ["started", "proposed", "moved_forward"]
    assert journey.open_proposal(couple) is None


def test_the_involved_partners_proposal_waits_for_the_hurt_partner(
    couple, alice_m, bob_m
):
    proposal = journey.propose_advance(membership=bob_m)
    assert journey.journey_for(couple).phase.order == 1
    journey.confirm_advance(membership=alice_m, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 2
    assert _kinds(couple)[-1] == "moved_forward"


def test_the_involved_partner_cannot_confirm_their_own_proposal(couple, bob_m):
    proposal = journey.propose_advance(membership=bob_m)
    with pytest.raises(journey.JourneyError):
        journey.confirm_advance(membership=bob_m, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 1


def test_the_hurt_partner_can_say_not_yet(couple, alice_m, bob_m):
    proposal = journey.propose_advance(membership=bob_m)
    journey.decline_advance(membership=alice_m, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 1
    proposal.refresh_from_db()
    assert proposal.outcome == PhaseProposal.Outcome.NOT_YET
    assert _kinds(couple)[-1] == "not_yet"


def test_only_the_person_who_proposed_can_withdraw(couple, alice_m, bob_m):
    proposal = journey.propose_advance(membership=bob_m)
    with pytest.raises(journey.JourneyError):
        journey.withdraw_advance(membership=alice_m, code=proposal.code)
    journey.withdraw_advance(membership=bob_m, code=proposal.code)
    assert journey.open_proposal(couple) is None


def test_a_second_proposal_returns_the_open_one(couple, bob_m):
    first = journey.propose_advance(membership=bob_m)
    assert journey.propose_advance(membership=bob_m) == first


def test_either_partner_can_step_back_at_once(couple, alice_m, bob_m):
    journey.propose_advance(membership=alice_m)
    journey.step_back(membership=bob_m)
    assert journey.journey_for(couple).phase.order == 1
    assert _kinds(couple)[-1] == "stepped_back"
    event = JourneyEvent.objects.filter(couple=couple).first()
    assert event.by == bob_m.user
    assert event.at is not None


def test_stepping_back_sets_an_open_proposal_aside(couple, alice_m, bob_m):
    journey.propose_advance(membership=alice_m)  # now in phase 2
    proposal = journey.propose_advance(
        membership=alice_m
    )  # into phase 3: Bob's yes too
    journey.step_back(membership=bob_m)
    proposal.refresh_from_db()
    assert proposal.outcome == PhaseProposal.Outcome.STEPPED_BACK
    with pytest.raises(journey.JourneyError):
        journey.confirm_advance(membership=bob_m, code=proposal.code)


def test_there_is_nowhere_to_step_back_to_from_the_first_phase(couple, alice_m):
    with pytest.raises(journey.JourneyError):
        journey.step_back(membership=alice_m)


def test_there_is_nowhere_to_move_on_to_from_the_last_phase(couple, alice_m, bob_m):
    journey.propose_advance(membership=alice_m)
    asked = journey.propose_advance(membership=alice_m)
    journey.confirm_advance(membership=bob_m, code=asked.code)
    with pytest.raises(journey.JourneyError):
        journey.propose_advance(membership=alice_m)


def test_with_mutual_roles_both_partners_confirm():
    robin, sam = UserFactory(), UserFactory()
    couple = pairing.start_couple(user=robin, role=Role.MUTUAL)
    invitation = pairing.create_invitation(membership=active_membership(robin))
    pairing.accept_invitation(token=invitation.token, user=sam, role=Role.MUTUAL)
    robin_m, sam_m = active_membership(robin), active_membership(sam)

    proposal = journey.propose_advance(membership=robin_m)
    assert journey.journey_for(couple).phase.order == 1
    journey.confirm_advance(membership=sam_m, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 2

    proposal = journey.propose_advance(membership=sam_m)
    assert journey.journey_for(couple).phase.order == 2
    journey.confirm_advance(membership=robin_m, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 3


def test_a_solo_partner_cannot_move_on_alone():
    robin = UserFactory()
    couple = pairing.start_couple(user=robin, role=Role.INJURED)
    with pytest.raises(journey.JourneyError):
        journey.propose_advance(membership=active_membership(robin))
    assert journey.journey_for(couple).phase.order == 1


def _mutual_couple():
    robin, sam = UserFactory(), UserFactory()
    couple = pair(robin, sam, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    return couple, active_membership(robin), active_membership(sam)


@pytest.mark.parametrize("proposer", ["first", "second"])
def test_with_mutual_roles_nobody_confirms_their_own_proposal(proposer):
    couple, robin_m, sam_m = _mutual_couple()
    mine, theirs = (robin_m, sam_m) if proposer == "first" else (sam_m, robin_m)
    assert {mine.role, theirs.role} == {Role.MUTUAL}

    proposal = journey.propose_advance(membership=mine)
    with pytest.raises(journey.JourneyError):
        journey.confirm_advance(membership=mine, code=proposal.code)

    assert journey.journey_for(couple).phase.order == 1
    assert journey.open_proposal(couple) == proposal
    assert "moved_forward" not in _kinds(couple)
    # The partner's yes is the one that moves them on.
    journey.confirm_advance(membership=theirs, code=proposal.code)
    assert journey.journey_for(couple).phase.order == 2
