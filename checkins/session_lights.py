"""Live traffic lights inside an exercise session: green keeps going, yellow slows, red stops.

Nobody has a light until they choose one: a light nobody chose is "not chosen yet", never green.
Choosing green is how a partner says they're ready, so an accepted session begins the moment both
have chosen green; yellow before the start takes that readiness back. Red works at any moment and
ends the session for both partners at once.

A change moves the session's version on (repair.sessions.touch), so both screens refresh within
a second.
"""

from dataclasses import dataclass
from datetime import datetime

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
    """Each partner's latest chosen light; None when they haven't chosen one.

    ``theirs_at`` is when the partner chose theirs, so the room can say it was a moment in time.
    """

    mine: str | None
    theirs: str | None
    theirs_at: datetime | None = None

    @property
    def slow_down(self) -> bool:
        return Light.YELLOW in (self.mine, self.theirs)


def current_lights(session: ExerciseSession, user) -> RoomLights:
    """Each partner's latest light in this session, or None for a partner who hasn't chosen.

    Once the session has begun only lights chosen since count: the green that meant "ready to
    begin" is not a yes to whatever comes after, so both lights start again as not chosen.
    """
    lights = SessionLight.objects.filter(session=session)
    if session.started_at is not None:
        lights = lights.filter(created_at__gt=session.started_at)
    latest: dict[int, tuple[str, datetime]] = {}
    for user_id, light, created_at in lights.order_by("created_at", "pk").values_list(
        "user_id", "light", "created_at"
    ):
        latest[user_id] = (light, created_at)
    other_id = (
        session.invitee_id if user.pk == session.inviter_id else session.inviter_id
    )
    mine, _ = latest.get(user.pk, (None, None))
    theirs, theirs_at = latest.get(other_id, (None, None))
    return RoomLights(mine=mine, theirs=theirs, theirs_at=theirs_at)
