"""Exercise sessions: an invitation, an answer, two readiness signals, and an ending either
partner can choose at any moment.

Readiness is a partner's green light: ``checkins.session_lights.set_light`` calls ``mark_ready``
when someone chooses green before the start, and ``unready`` when they choose yellow.

Every change goes through ``touch``, which bumps the session's ``version`` and tells ``live`` the
room changed: the live endpoint answers 304 until then, so both screens learn of a change within
a poll.
Other apps that add live parts to the room (the checkins lights) call ``touch`` too.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.urls import Resolver404, resolve
from django.utils import timezone

from checkins.daily import todays_light
from core.middleware import still_here_elsewhere
from couples.access import partner_membership
from couples.models import Couple, Membership
from couples.pause import couple_is_paused, is_paused

from . import live, testing
from .models import (
    Exercise,
    ExerciseDone,
    ExerciseSession,
    SessionStatus,
)

logger = logging.getLogger(__name__)

PAUSED_MESSAGE = (
    "A pause is on, so exercises together are resting for now. "
    "Exercises on your own, your journal and your check-ins are still here whenever you want them."
)


def red_day_message(name: str) -> str:
    return (
        f"{name} may need some space today, so invitations to closeness are resting until "
        f"tomorrow. Nothing has been sent. {name} can start something whenever they feel like "
        "it, and tomorrow you're welcome to suggest a time that suits you both."
    )


class SessionError(Exception):
    """A step that can't be taken right now; the message is fit to show as it is."""


class RedDayError(SessionError):
    """An invitation to closeness while the partner's day is red: nothing is sent."""


def touch(session: ExerciseSession, *fields: str) -> None:
    """Saves the named fields and moves the version on, so both screens refresh."""
    session.version = F("version") + 1
    session.save(update_fields=[*fields, "version"])
    session.refresh_from_db(fields=["version"])
    live.changed(session.code)


def on_couple_ended(sender, couple_id: int, user_ids: list[int], **kwargs) -> None:
    """couple_ended receiver: the room's cache no longer vouches for either partner."""
    codes = ExerciseSession.objects.filter(couple_id=couple_id).values_list(
        "code", flat=True
    )
    live.couple_ended(list(codes), user_ids)


def locked(session: ExerciseSession) -> ExerciseSession:
    """The session's row, locked until the transaction ends: two taps change it one at a time."""
    return ExerciseSession.objects.select_for_update().get(pk=session.pk)


def _refuse_if_testing_waits(exercise: Exercise, couple_id: int) -> None:
    # Testing asked for before sexual exercises, and not both "done" yet (repair.testing).
    if testing.gates(exercise) and testing.holds_back(couple_id=couple_id):
        raise SessionError(testing.HOLD_MESSAGE)


def _refuse_if_paused(exercise: Exercise, couple_id: int) -> None:
    # Every live session rests during a pause, talking ones too: a pause may be someone's quiet
    # mode (couples.safety_check), and no session together may start while it is on.
    if is_paused(couple_id):
        raise SessionError(PAUSED_MESSAGE)


@transaction.atomic
def invite(
    *,
    membership: Membership,
    exercise: Exercise,
    planned_for: datetime | None = None,
) -> ExerciseSession:
    if not exercise.is_together:
        raise SessionError("This exercise is one you do on your own.")
    partner = partner_membership(membership)
    if partner is None:
        raise SessionError("You can invite your partner once they have joined.")
    _refuse_if_paused(exercise, membership.couple_id)
    _refuse_if_testing_waits(exercise, membership.couple_id)
    # The partner with the red day sets the pace: they can still invite, but nobody invites
    # them today, not even for later: an invitation is itself an ask on a day that needs space.
    if exercise.is_pausable and partner_light_today(partner) == "red":
        raise RedDayError(red_day_message(partner.user.display_name))
    # One waiting invitation per exercise: a double tap, or both partners inviting each other at
    # the same moment, lands in the one room rather than opening a second.
    Couple.objects.select_for_update().get(pk=membership.couple_id)
    already = ExerciseSession.objects.filter(
        couple_id=membership.couple_id,
        exercise=exercise,
        status=SessionStatus.PROPOSED,
    ).first()
    if already:
        return already
    return ExerciseSession.objects.create(
        couple_id=membership.couple_id,
        exercise=exercise,
        inviter=membership.user,
        invitee=partner.user,
        awaiting=partner.user,
        planned_for=planned_for,
    )


def partner_light_today(partner: Membership) -> str | None:
    """The partner's daily light for their own today ("red", "yellow", "green"), or None.

    None while a pause is on: the check-in reveal rests then, and so does anything read from it.
    """
    if couple_is_paused(partner):
        return None
    return todays_light(partner.user)


def _require_waiting_on(session: ExerciseSession, user) -> None:
    if session.status != SessionStatus.PROPOSED:
        raise SessionError("This invitation has already been answered.")
    if session.awaiting_id != user.pk:
        raise SessionError("This invitation is waiting for your partner's answer.")


@transaction.atomic
def accept(*, session: ExerciseSession, user) -> ExerciseSession:
    session = locked(session)
    _require_waiting_on(session, user)
    _refuse_if_paused(session.exercise, session.couple_id)
    _refuse_if_testing_waits(session.exercise, session.couple_id)
    session.status = SessionStatus.ACCEPTED
    session.awaiting = None
    session.answered_at = timezone.now()
    touch(session, "status", "awaiting", "answered_at")
    return session


@transaction.atomic
def not_now(*, session: ExerciseSession, user) -> ExerciseSession:
    """A kind no. Nothing is counted; the inviter just sees that now isn't right."""
    session = locked(session)
    _require_waiting_on(session, user)
    session.status = SessionStatus.NOT_NOW
    session.awaiting = None
    session.answered_at = session.ended_at = timezone.now()
    session.ended_by = user  # who said it, so each screen can word it for its reader
    touch(session, "status", "awaiting", "answered_at", "ended_at", "ended_by")
    return session


@transaction.atomic
def suggest_time(
    *, session: ExerciseSession, user, planned_for: datetime
) -> ExerciseSession:
    """Answer with another time; the question then goes back to the other partner."""
    session = locked(session)
    _require_waiting_on(session, user)
    session.planned_for = planned_for
    session.awaiting_id = (
        session.inviter_id if user.pk == session.invitee_id else session.invitee_id
    )
    touch(session, "planned_for", "awaiting")
    return session


@transaction.atomic
def withdraw(*, session: ExerciseSession, user) -> ExerciseSession:
    session = locked(session)
    if session.status != SessionStatus.PROPOSED:
        raise SessionError("This invitation has already been answered.")
    session.status = SessionStatus.WITHDRAWN
    session.awaiting = None
    session.ended_at = timezone.now()
    session.ended_by = user
    touch(session, "status", "awaiting", "ended_at", "ended_by")
    return session


@transaction.atomic
def mark_ready(*, session: ExerciseSession, user) -> ExerciseSession:
    """One partner's readiness. The session starts the moment both are ready."""
    session = locked(session)
    if session.status != SessionStatus.ACCEPTED:
        raise SessionError("This session isn't waiting for anyone to be ready.")
    _refuse_if_paused(session.exercise, session.couple_id)
    _refuse_if_testing_waits(session.exercise, session.couple_id)
    now = timezone.now()
    field = "inviter_ready_at" if user.pk == session.inviter_id else "invitee_ready_at"
    if getattr(session, field) is None:
        setattr(session, field, now)
    fields = [field]
    if session.inviter_ready_at and session.invitee_ready_at:
        session.status = SessionStatus.RUNNING
        session.started_at = now
        fields += ["status", "started_at"]
    touch(session, *fields)
    return session


@transaction.atomic
def unready(*, session: ExerciseSession, user) -> ExerciseSession:
    """Changing your mind before the start is fine too."""
    session = locked(session)
    if session.status != SessionStatus.ACCEPTED:
        raise SessionError("This session has already started or ended.")
    field = "inviter_ready_at" if user.pk == session.inviter_id else "invitee_ready_at"
    setattr(session, field, None)
    touch(session, field)
    return session


def _end(session: ExerciseSession, *, user, reason: str) -> ExerciseSession:
    was_running = session.status == SessionStatus.RUNNING
    session.status = SessionStatus.ENDED
    session.awaiting = None
    session.ended_at = timezone.now()
    session.ended_by = user
    session.end_reason = reason
    touch(session, "status", "awaiting", "ended_at", "ended_by", "end_reason")
    if was_running:
        for person_id in (session.inviter_id, session.invitee_id):
            ExerciseDone.objects.update_or_create(
                couple_id=session.couple_id,
                user_id=person_id,
                exercise_id=session.exercise_id,
                defaults={"done_at": session.ended_at},
            )
    return session


@transaction.atomic
def end(
    *, session: ExerciseSession, user, reason: str = ExerciseSession.EndReason.PARTNER
) -> ExerciseSession:
    """Either partner, at any moment, no reason asked. Ending twice is harmless."""
    session = locked(session)
    if not session.is_open:
        return session
    return _end(session, user=user, reason=reason)


@transaction.atomic
def end_for_pause(*, couple_id: int) -> int:
    """A pause stops whatever is open for the couple, on both screens. Returns how many."""
    sessions = list(
        ExerciseSession.objects.select_for_update().open().filter(couple_id=couple_id)
    )
    for session in sessions:
        _end(session, user=None, reason=ExerciseSession.EndReason.PAUSE)
    return len(sessions)


@transaction.atomic
def end_for_person(*, user) -> int:
    """Someone left Mend (quick exit, signing out): no session of theirs may go on showing their
    last light to the partner. Ends each accepted or running one on both screens; returns how many.
    """
    if user is None or user.pk is None:
        # Nobody, or an account already deleted: a filter on an empty id would match every
        # session whose person is gone.
        return 0
    sessions = list(
        ExerciseSession.objects.select_for_update()
        .filter(status__in=[SessionStatus.ACCEPTED, SessionStatus.RUNNING])
        .filter(Q(inviter=user) | Q(invitee=user))
    )
    for session in sessions:
        _end(session, user=user, reason=ExerciseSession.EndReason.LEFT)
    return len(sessions)


def on_signed_out(sender, request, user, **kwargs) -> None:
    """Receiver for Django's ``user_logged_out`` (connected in RepairConfig.ready).

    Every way of signing out ends the person's sessions: the sign-out button, quick exit, and
    the idle and 12-hour limits (core.middleware.SessionLifetimeMiddleware signs out with
    Django's ``logout``). Nothing here may stop the sign-out itself: a failure is logged by its
    type only.

    One exception: a time limit on one browser while the person is still active in another
    (a laptop left on Today times out while the exercise runs on their phone) ends nothing.
    """
    try:
        if getattr(request, "signed_out_by_time_limit", False) and still_here_elsewhere(
            request, user
        ):
            return
        end_for_person(user=user)
    except Exception as error:
        logger.warning("Signing out couldn't end a session: %s", type(error).__name__)


def on_couple_paused(sender, *, couple_id: int, **kwargs) -> None:
    """Receiver for ``couples.pause.couple_paused`` (connected in RepairConfig.ready)."""
    end_for_pause(couple_id=couple_id)


def keeps_signed_in(request, *, user_id) -> bool | None:
    """Whether this background request keeps its person signed in (SESSION_KEEP_ALIVE).

    Only the room of a running session does, for the two people in it: they were told to put
    their phones down, and nobody is signed out in the middle of an exercise. None: not the
    session room's poll at all.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != "repair:session_live":
        return None
    return (
        ExerciseSession.objects.filter(
            code=match.kwargs["code"], status=SessionStatus.RUNNING
        )
        .filter(Q(inviter_id=user_id) | Q(invitee_id=user_id))
        .exists()
    )
