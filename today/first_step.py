"""The first step Today offers someone new to a couple: a short orientation and one exercise.

It stays until the person takes it or puts it aside (User.first_step_taken_at), so a new couple
never meets a blank set of tabs, and nobody is welcomed twice.
"""

from dataclasses import dataclass

from couples.models import Membership
from repair.library import library
from repair.models import Exercise, Journey


@dataclass(frozen=True)
class FirstStep:
    journey: Journey
    exercise: Exercise | None


def first_step_for(
    user, membership: Membership | None, journey: Journey | None
) -> FirstStep | None:
    """The step to offer, or None once the person has taken it (or isn't in a couple)."""
    if user.first_step_taken_at is not None or membership is None or journey is None:
        return None
    if journey.phase_id is None:  # no content loaded yet: nothing to point to
        return None
    exercise = next(
        (
            exercise
            for exercise in library().available_up_to(journey.phase)
            if exercise.phase_id == journey.phase_id
            and exercise.is_for(membership.role)
        ),
        None,
    )
    return FirstStep(journey=journey, exercise=exercise)
