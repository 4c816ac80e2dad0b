"""The one way views find a person's couple. Every couple-scoped query starts here."""

from django.db.models import Exists, OuterRef
from django.http import Http404

from .models import Couple, Membership, Pause, SafetyCheck


def active_membership(user) -> Membership | None:
    """The person's membership in their active couple, with the couple, or None.

    It carries the couple's pause state too (``i_am_paused``, ``partner_is_paused``), whether the
    person has met their private safety check in this couple (``safety_check_seen``; always False
    on the partner's row, so nothing about the partner's check is ever in hand), and the
    partner's membership with their user (for ``partner_membership``), all read in one query:
    almost every page shows one or the other.
    """
    if not user.is_authenticated:
        return None
    open_pauses = Pause.objects.filter(
        couple_id=OuterRef("couple_id"), ended_at__isnull=True
    )
    both = (
        Membership.objects.active()
        .select_related("couple", "user")
        .annotate(
            i_am_paused=Exists(open_pauses.filter(user_id=OuterRef("user_id"))),
            partner_is_paused=Exists(open_pauses.exclude(user_id=OuterRef("user_id"))),
            safety_check_seen=Exists(
                SafetyCheck.objects.filter(
                    couple_id=OuterRef("couple_id"), user_id=OuterRef("user_id")
                ).filter(user_id=user.pk)
            ),
        )
        .filter(
            couple__memberships__user=user,
            couple__memberships__left_at__isnull=True,
        )
        .order_by("pk")
    )
    mine, partner = None, None
    for membership in both:
        if membership.user_id == user.pk:
            mine = membership
        else:
            partner = membership
    if mine is not None:
        mine.user = user
        mine._partner = partner
    return mine


def request_membership(request) -> Membership | None:
    """active_membership for the signed-in person, looked up once per request."""
    if not hasattr(request, "_active_membership"):
        request._active_membership = active_membership(request.user)
    return request._active_membership


def get_couple_for_member(user, code) -> tuple[Couple, Membership]:
    """The couple with this code, if the person is an active member of it; 404 otherwise."""
    membership = active_membership(user)
    if membership is None or str(membership.couple.code) != str(code):
        raise Http404("No such couple.")
    return membership.couple, membership


def partner_membership(membership: Membership) -> Membership | None:
    """The other active member of the couple, if they have joined."""
    if hasattr(membership, "_partner"):  # read with the membership by active_membership
        return membership._partner
    return (
        Membership.objects.active()
        .select_related("user")
        .filter(couple_id=membership.couple_id)
        .exclude(pk=membership.pk)
        .first()
    )
