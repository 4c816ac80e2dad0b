"""Whether the signed-in person is a therapist, and how far along: the header and the home page need
it on every page, so it is read once per request and shared with the therapist's own views."""

from therapists.models import TherapistProfile

APPROVED = "approved"
WAITING = "waiting"  # registered, not yet approved by us


def standing_of(request) -> str | None:
    """APPROVED, WAITING, or None for someone who never registered as a therapist."""
    if not hasattr(request, "_therapist_standing"):
        profile = (
            TherapistProfile.objects.filter(user_id=request.user.pk)
            .values("approved_at")
            .first()
        )
        if profile is None:
            request._therapist_standing = None
        else:
            request._therapist_standing = (
                APPROVED if profile["approved_at"] else WAITING
            )
    return request._therapist_standing


def known_approved(request) -> None:
    """A couple's page found the couple through the access rule, which already asks whether the
    therapist is approved: the header needn't ask again."""
    request._therapist_standing = APPROVED
