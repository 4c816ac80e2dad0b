"""The couple's journey through the phases, at the pace of the partner who was hurt.

- A couple is always in exactly one phase, starting with the first.
- Either partner can suggest moving forward. The move happens when the partner who was hurt
  confirms; when that partner is the one suggesting, the suggestion is their confirmation. With
  mutual roles both partners confirm, so the second partner's yes moves the couple on.
- Moving into the phase about sexual intimacy starts with the hurt partner: only they can ask
  (either partner when mutual), and the move still waits for the other's yes, so nobody is
  moved into it without their own yes and nobody is handed a question about sex to answer.
- Stepping back one phase is immediate, by either partner, and asks for no reason.
- Every change is a JourneyEvent: the couple's history.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from couples.models import Couple, Membership, Role

from .models import (
    Journey,
    JourneyEvent,
    Phase,
    PhaseProposal,
)
from .signals import announce_needs_answer

# From this phase on the work is about sexual intimacy (checkins.consent opens there too), so a
# move into it needs each partner's own yes.
ASKS_BOTH_FROM_ORDER = 3


class JourneyError(Exception):
    """A step that can't be taken right now; the message is fit to show as it is."""


def first_phase() -> Phase:
    return Phase.objects.order_by("order").first()


def current_phase_order(couple: Couple) -> int:
    """The order of the couple's current phase; a couple whose journey hasn't begun is at 1."""
    return (
        Journey.objects.filter(couple=couple)
        .values_list("phase__order", flat=True)
        .first()
        or 1
    )


def journey_for(couple: Couple) -> Journey:
    """The couple's journey. Looking never writes: it begins when the couple is formed
    (begin_journey, on couples.signals.couple_started). A couple formed before any content was
    loaded is shown at the first phase until their first step begins it."""
    journey = Journey.objects.select_related("phase").filter(couple=couple).first()
    return journey or Journey(couple=couple, phase=first_phase())


def on_couple_started(sender, couple: Couple, **kwargs) -> None:
    if first_phase() is not None:
        begin_journey(couple)


def begin_journey(couple: Couple) -> Journey:
    """The couple's journey row, created at the first phase if it isn't there yet."""
    journey = Journey.objects.select_related("phase").filter(couple=couple).first()
    if journey:
        return journey
    with transaction.atomic():
        try:
            with transaction.atomic():
                journey = Journey.objects.create(couple=couple, phase=first_phase())
        except IntegrityError:  # the partner's first visit got there at the same moment
            return Journey.objects.select_related("phase").get(couple=couple)
        JourneyEvent.objects.create(
            couple=couple, kind=JourneyEvent.Kind.STARTED, phase=journey.phase
        )
    return journey


def asks_both(phase: Phase | None) -> bool:
    return phase is not None and phase.order >= ASKS_BOTH_FROM_ORDER


def deciders(memberships: list[Membership], to_phase: Phase | None = None) -> set[int]:
    """The people whose yes a move forward needs: the hurt partner, or both when mutual, and
    both for a move into the phase about sexual intimacy."""
    everyone = {m.user_id for m in memberships}
    if asks_both(to_phase):
        return everyone
    injured = {m.user_id for m in memberships if m.role == Role.INJURED}
    return injured or everyone


def may_ask(membership: Membership, memberships: list[Membership], to_phase) -> bool:
    """Whether this person can start the question of moving on. Into the phase about intimacy
    only the hurt partner can (either of two mutual partners): it starts when they're ready."""
    if not asks_both(to_phase):
        return True
    injured = {m.user_id for m in memberships if m.role == Role.INJURED}
    return not injured or membership.user_id in injured


@dataclass(frozen=True)
class ProposalView:
    proposal: PhaseProposal
    can_confirm: bool
    is_mine: bool
    asks_both: bool


def describe_proposal(
    proposal: PhaseProposal | None, *, membership: Membership, memberships
) -> ProposalView | None:
    if proposal is None:
        return None
    is_mine = proposal.proposed_by_id == membership.user_id
    to_phase = proposal.to_phase
    can_confirm = not is_mine and membership.user_id in deciders(memberships, to_phase)
    return ProposalView(
        proposal=proposal,
        can_confirm=can_confirm,
        is_mine=is_mine,
        asks_both=asks_both(to_phase),
    )


def open_proposal(couple: Couple) -> PhaseProposal | None:
    return (
        PhaseProposal.objects.select_related("to_phase", "proposed_by")
        .filter(couple=couple, closed_at__isnull=True)
        .first()
    )


def _locked_journey(couple: Couple) -> Journey:
    """The couple's journey row, locked, and its phase as it is once the lock is held.

    Only the journey row is locked, and the phase is read after the lock: a lock taken over a join
    with the phase makes PostgreSQL drop the row when a concurrent move changed its phase, so the
    second of two simultaneous taps would find no journey at all.
    """
    begin_journey(couple)
    return Journey.objects.select_for_update(of=("self",)).get(couple=couple)


def _members(couple: Couple) -> list[Membership]:
    return list(Membership.objects.active().filter(couple=couple))


def _move(*, journey: Journey, to: Phase, kind: str, user) -> None:
    journey.phase = to
    journey.changed_at = timezone.now()
    journey.save(update_fields=["phase", "changed_at"])
    JourneyEvent.objects.create(
        couple_id=journey.couple_id, kind=kind, phase=to, by=user
    )


def _refuse_if_moved(journey: Journey, from_phase: str | None) -> None:
    """A tap carries the phase its page showed (``from_phase``, a slug). When the couple has moved
    since, a second tap or a tap from a page the partner's move made stale changes nothing more."""
    if from_phase and journey.phase.slug != from_phase:
        raise JourneyError(
            f"Nothing more has changed: you are in “{journey.phase.title}” now."
        )


def _close(proposal: PhaseProposal, outcome: str) -> None:
    proposal.closed_at = timezone.now()
    proposal.outcome = outcome
    proposal.save(update_fields=["closed_at", "outcome"])


@transaction.atomic
def propose_advance(
    *, membership: Membership, from_phase: str | None = None
) -> PhaseProposal:
    couple = membership.couple
    journey = _locked_journey(couple)
    _refuse_if_moved(journey, from_phase)
    members = _members(couple)
    if len(members) < 2:
        raise JourneyError(
            "Moving on is something you decide together, once your partner has joined."
        )
    existing = open_proposal(couple)
    if existing:
        return existing
    next_phase = Phase.objects.filter(order__gt=journey.phase.order).first()
    if next_phase is None:
        raise JourneyError(
            "You are in the last phase. You can stay here as long as you like."
        )
    if not may_ask(membership, members, next_phase):
        partner = next(m for m in members if m.user_id != membership.user_id)
        raise JourneyError(
            f"Moving into the next phase starts with {partner.user.display_name}, whenever "
            "they're ready. There's nothing you need to do."
        )
    proposal = PhaseProposal.objects.create(
        couple=couple,
        from_phase=journey.phase,
        to_phase=next_phase,
        proposed_by=membership.user,
    )
    JourneyEvent.objects.create(
        couple=couple,
        kind=JourneyEvent.Kind.PROPOSED,
        phase=next_phase,
        by=membership.user,
    )
    answering = deciders(members, next_phase) - {membership.user_id}
    if not answering:
        _close(proposal, PhaseProposal.Outcome.MOVED)
        _move(
            journey=journey,
            to=next_phase,
            kind=JourneyEvent.Kind.MOVED_FORWARD,
            user=membership.user,
        )
    for user_id in answering:
        announce_needs_answer(
            sender=PhaseProposal, recipient_id=user_id, key=f"move:{proposal.code}"
        )
    return proposal


def proposal_exists(*, couple_id: int, code) -> bool:
    """Whether this couple ever had a suggestion with this code, open or settled."""
    return PhaseProposal.objects.filter(couple_id=couple_id, code=code).exists()


def _proposal_for(couple: Couple, code) -> PhaseProposal:
    proposal = (
        PhaseProposal.objects.select_for_update()
        .filter(couple=couple, code=code, closed_at__isnull=True)
        .first()
    )
    if proposal is None:
        raise JourneyError("That suggestion has already been settled.")
    return proposal


@transaction.atomic
def confirm_advance(*, membership: Membership, code) -> Journey:
    couple = membership.couple
    journey = _locked_journey(couple)
    proposal = _proposal_for(couple, code)
    if proposal.proposed_by_id == membership.user_id:
        raise JourneyError("This suggestion is waiting for your partner's answer.")
    if membership.user_id not in deciders(_members(couple), proposal.to_phase):
        raise JourneyError(
            "Moving forward waits for your partner's yes: they set the pace."
        )
    if proposal.from_phase_id != journey.phase_id:
        _close(proposal, PhaseProposal.Outcome.STEPPED_BACK)
        raise JourneyError("Things have changed since this was suggested.")
    _close(proposal, PhaseProposal.Outcome.MOVED)
    _move(
        journey=journey,
        to=proposal.to_phase,
        kind=JourneyEvent.Kind.MOVED_FORWARD,
        user=membership.user,
    )
    return journey


@transaction.atomic
def decline_advance(*, membership: Membership, code) -> None:
    """ "Not yet": the couple stays where they are. Recorded once, never counted."""
    couple = membership.couple
    _locked_journey(couple)
    proposal = _proposal_for(couple, code)
    if proposal.proposed_by_id == membership.user_id:
        raise JourneyError("You can take your own suggestion back instead.")
    if membership.user_id not in deciders(_members(couple), proposal.to_phase):
        raise JourneyError("This answer belongs to your partner.")
    _close(proposal, PhaseProposal.Outcome.NOT_YET)
    JourneyEvent.objects.create(
        couple=couple,
        kind=JourneyEvent.Kind.NOT_YET,
        phase=proposal.from_phase,
        by=membership.user,
    )


@transaction.atomic
def withdraw_advance(*, membership: Membership, code) -> None:
    couple = membership.couple
    _locked_journey(couple)
    proposal = _proposal_for(couple, code)
    if proposal.proposed_by_id != membership.user_id:
        raise JourneyError("Only the person who suggested it can take it back.")
    _close(proposal, PhaseProposal.Outcome.WITHDRAWN)
    JourneyEvent.objects.create(
        couple=couple,
        kind=JourneyEvent.Kind.WITHDRAWN,
        phase=proposal.from_phase,
        by=membership.user,
    )


@transaction.atomic
def step_back(*, membership: Membership, from_phase: str | None = None) -> Journey:
    """Immediate, by either partner, no reason asked. Any open suggestion is set aside."""
    couple = membership.couple
    journey = _locked_journey(couple)
    _refuse_if_moved(journey, from_phase)
    previous = (
        Phase.objects.filter(order__lt=journey.phase.order).order_by("-order").first()
    )
    if previous is None:
        raise JourneyError("You are already at the beginning.")
    proposal = (
        PhaseProposal.objects.select_for_update()
        .filter(couple=couple, closed_at__isnull=True)
        .first()
    )
    if proposal:
        _close(proposal, PhaseProposal.Outcome.STEPPED_BACK)
    _move(
        journey=journey,
        to=previous,
        kind=JourneyEvent.Kind.STEPPED_BACK,
        user=membership.user,
    )
    return journey
