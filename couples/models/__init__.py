"""Couples' models: the couple itself (couple.py) and its care team (care_team.py)."""

from .care_team import (
    SHARED_BY_BOTH,
    AccessEvent,
    CareTeamInvite,
    CareTeamInviteQuerySet,
    ShareCategory,
    TherapistGrant,
    TherapistGrantQuerySet,
)
from .couple import (
    COMPATIBLE_ROLE,
    Couple,
    Invitation,
    InvitationQuerySet,
    Membership,
    MembershipQuerySet,
    Pause,
    Role,
    SafetyCheck,
    new_invitation_token,
)

__all__ = [
    "Role",
    "Couple",
    "MembershipQuerySet",
    "Membership",
    "InvitationQuerySet",
    "Invitation",
    "Pause",
    "SafetyCheck",
    "COMPATIBLE_ROLE",
    "new_invitation_token",
    "ShareCategory",
    "CareTeamInviteQuerySet",
    "CareTeamInvite",
    "TherapistGrantQuerySet",
    "TherapistGrant",
    "AccessEvent",
    "SHARED_BY_BOTH",
]
