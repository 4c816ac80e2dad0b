"""The Repair page's picture of the couple's journey: the phases with their exercises, what each
partner has done, the open question about moving on, and the latest "not yet"."""

from dataclasses import dataclass

from django.db.models import FilteredRelation, Q

from couples.models import Couple, Membership

from . import library
from .journey import (
    ProposalView,
    asks_both,
    describe_proposal,
    journey_for,
    may_ask,
)
from .models import Exercise, ExerciseDone, Journey, JourneyEvent, Phase, PhaseProposal


@dataclass
class Overview:
    """``phases`` each carry their ``available_exercises``, and ``journey.phase`` is one of them.
    ``available`` is every exercise open to the couple now, marked done_by_me/done_by_partner."""

    journey: Journey
    phases: list[Phase]
    available: list[Exercise]
    proposal: ProposalView | None
    recent_history: list[JourneyEvent]
    # The latest "not yet", while nothing has happened since: acknowledged kindly on both screens.
    not_yet: JourneyEvent | None = None
    # Whether moving on from here asks both partners (into the phase about intimacy).
    next_asks_both: bool = False
    # Whether this person can start that question (into intimacy it starts with the hurt partner).
    can_ask_next: bool = True


def _journey_and_open_proposal(couple: Couple) -> tuple[Journey, PhaseProposal | None]:
    """The couple's journey and its open suggestion to move on (at most one), in one query."""
    found = (
        Journey.objects.filter(couple=couple)
        .annotate(
            open_proposal=FilteredRelation(
                "couple__phase_proposals",
                condition=Q(couple__phase_proposals__closed_at__isnull=True),
            )
        )
        .select_related("open_proposal__to_phase", "open_proposal__proposed_by")
        .first()
    )
    if found is None:
        # Not begun yet (see journey_for): nothing can have been suggested either.
        return journey_for(couple), None
    # select_related sets the attribute only when a suggestion is open.
    return found, getattr(found, "open_proposal", None)


def overview_for(*, membership: Membership, memberships: list[Membership]) -> Overview:
    """Everything the Repair page shows, in a fixed number of queries however much there is.

    Phases and exercises come from the cached library; the rest is the couple's own.
    """
    content = library.library()
    journey, proposal = _journey_and_open_proposal(membership.couple)
    phases_by_id = {phase.pk: phase for phase in content.phases}
    journey.phase = phases_by_id[journey.phase_id]
    done: dict[int, set[int]] = {}
    for exercise_id, user_id in ExerciseDone.objects.filter(
        couple_id=membership.couple_id
    ).values_list("exercise_id", "user_id"):
        done.setdefault(exercise_id, set()).add(user_id)
    available = content.available_up_to(journey.phase)
    for phase in content.phases:
        phase.available_exercises = []
    for exercise in available:
        people = done.get(exercise.pk, set())
        exercise.done_by_me = membership.user_id in people
        exercise.done_by_partner = bool(people - {membership.user_id})
        exercise.phase.available_exercises.append(exercise)
    recent_history = list(
        JourneyEvent.objects.filter(couple_id=membership.couple_id)
        .select_related("by")
        .order_by("-at", "-pk")[:5]
    )
    for event in recent_history:
        event.phase = phases_by_id[event.phase_id]
    next_phase = next(
        (p for p in content.phases if p.order > journey.phase.order), None
    )
    return Overview(
        journey=journey,
        phases=content.phases,
        available=available,
        proposal=describe_proposal(
            proposal, membership=membership, memberships=memberships
        ),
        recent_history=recent_history,
        next_asks_both=asks_both(next_phase),
        can_ask_next=may_ask(membership, memberships, next_phase),
        not_yet=(
            recent_history[0]
            if recent_history and recent_history[0].kind == JourneyEvent.Kind.NOT_YET
            else None
        ),
    )
