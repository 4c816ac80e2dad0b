"""The panel that invites a partner in, shown on Today and on the invitation page."""

from django.urls import reverse

from .forms import InvitationForm
from .pairing import pending_invitation


def panel_context(request, membership, form=None) -> dict:
    """The current link to copy, and the form for a new one."""
    invitation = pending_invitation(membership.couple)
    link = (
        request.build_absolute_uri(reverse("join", args=[invitation.token]))
        if invitation
        else ""
    )
    return {
        "membership": membership,
        "invitation": invitation,
        "invitation_link": link,
        "invite_form": form or InvitationForm(),
    }
