"""The lookups every Repair view uses: each goes through the couple's membership."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from couples.access import request_membership
from couples.models import Membership
from repair import journey, live
from repair.models import Exercise, ExerciseSession

# Lookups ------------------------------------------------------------------------------------------


def require_membership(request) -> Membership:
    membership = request_membership(request)
    if membership is None:
        raise Http404("Not in a couple.")
    return membership


def exercise_for_member(request, code) -> tuple[Exercise, Membership]:
    """A published exercise in the couple's current phase or an earlier one; 404 otherwise."""
    membership = require_membership(request)
    current = journey.journey_for(membership.couple).phase
    exercise = get_object_or_404(
        Exercise.objects.available_up_to(current).select_related("phase"), code=code
    )
    return exercise, membership


def session_for_member(request, code) -> tuple[ExerciseSession, Membership]:
    membership = require_membership(request)
    # Before the session is read: a change committed after the read leaves a newer ETag behind.
    room_etag = live.current_etag(code)
    session = get_object_or_404(
        ExerciseSession.objects.select_related(
            "exercise", "exercise__phase", "inviter", "invitee", "ended_by"
        ),
        code=code,
        couple_id=membership.couple_id,
    )
    live.remember_member(code, request.user.pk)
    session.room_etag = room_etag
    return session, membership


def zone_of(request) -> str:
    return getattr(request.user, "timezone", "") or "UTC"
