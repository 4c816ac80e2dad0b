"""Live traffic lights inside an exercise session: green keeps going, yellow slows, red stops.

Nobody has a light until they choose one: a light nobody chose is "not chosen yet", never green.
Choosing green is how a partner says they're ready, so an accepted session begins the moment both
have chosen green; yellow before the start takes that readiness back. Red works at any moment and
ends the session for both partners at once.

A change moves the session's version on (repair.sessions.touch), so both screens refresh within
a second.
"""

from dataclasses import dataclass

from django.db import transaction

from repair import sessions
from repair.models import ExerciseSession, SessionStatus

from .models import Light, SessionLight

# A light can be chosen once the invitation is accepted, and until the session ends.
LIT_STATUSES = frozenset({SessionStatus.ACCEPTED, SessionStatus.RUNNING})


class LightError(Exception):
    """A light that can't be given now, with words fit to show."""


@transaction.atomic
def set_light(*, session: ExerciseSession, user, light: str) -> ExerciseSession:
    session = ExerciseSession.objects.select_for_update().get(pk=session.pk)
    if session.status not in LIT_STATUSES:
        raise LightError("This session isn't open any more.")
    SessionLight.objects.create(session=session, user=user, light=light)
    if light == Light.RED:
        return sessions.end(
            session=session, user=user, reason=ExerciseSession.EndReason.RED
        )
    if session.status == SessionStatus.ACCEPTED:
        try:
            if light == Light.GREEN:
                return sessions.mark_ready(session=session, user=user)
            return sessions.unready(session=session, user=user)
        except sessions.SessionError as error:
            raise LightError(str(error)) from error
    sessions.touch(session)
    return session


@dataclass(frozen=True)
class RoomLights:
    """Each partner's latest chosen light; None when they haven't chosen one."""

    mine: str | None
    theirs: str | None

    @property
    def slow_down(self) -> bool:
        return Light.YELLOW in (self.mine, self.theirs)


def current_lights(session: ExerciseSession, user) -> RoomLights:
    """Each partner's latest light in this session, or None for a partner who hasn't chosen."""
    latest: dict[int, str] = {}
    for user_id, light in (
        SessionLight.objects.filter(session=session)
        .order_by("created_at", "pk")
        .values_list("user_id", "light")
    ):
        latest[user_id] = light
    other_id = (
        session.invitee_id if user.pk == session.inviter_id else session.inviter_id
    )
    return RoomLights(mine=latest.get(user.pk), theirs=latest.get(other_id))
