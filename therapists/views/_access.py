"""The lookups every therapist page uses.

Every couple page goes through ``get_care_for_therapist``: the invitation must belong to the
signed-in therapist (404 otherwise) and pass the access rule right now (403 otherwise); each look is
logged."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from couples import care
from couples.models import CareTeamInvite
from therapists import shared
from therapists.shared import SharedProgress
from therapists.standing import APPROVED, known_approved, standing_of


def approved_therapist(request) -> None:
    if standing_of(request) != APPROVED:
        raise Http404("Not an approved therapist.")


class NotSharing(PermissionDenied):
    """The couple isn't sharing with this therapist right now."""


def calm_refusal(view):
    """Answers a refused look with a plain 403 page that explains, rather than a bare error."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotSharing:
            return render(request, "therapists/not_sharing.html", status=403)

    return wrapper


def get_care_for_therapist(request, code, *, what: str) -> SharedProgress:
    """The couple behind the therapist's invitation with this code, with what each partner shares,
    if they may see the couple now; logs the look."""
    progress = care_without_a_look(request, code)
    care.record_access(
        therapist=request.user, couple_ids=[progress.invite.couple_id], what=what
    )
    return progress


def care_without_a_look(request, code) -> SharedProgress:
    """The same access rule, for a request that shows nothing of the couple (an autosave)."""
    progress = shared.progress_for(therapist=request.user, code=code)
    if progress is None:
        # Refused: only now ask whether the invitation is theirs at all, to answer 403 or 404.
        if CareTeamInvite.objects.filter(
            code=code, therapist_id=request.user.pk
        ).exists():
            raise NotSharing("This couple isn't sharing with you at the moment.")
        raise Http404("No such couple.")
    known_approved(request)
    return progress
