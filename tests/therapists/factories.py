"""Care-team state built the way people build it: invite, each partner agrees, the therapist accepts."""

from django.utils import timezone

from couples import care
from couples.access import active_membership
from couples.models import CareTeamInvite, ShareCategory
from therapists.models import TherapistProfile

EVERYTHING = dict.fromkeys(ShareCategory.values, True)
NOTHING = dict.fromkeys(ShareCategory.values, False)


def approve(user) -> None:
    TherapistProfile.objects.filter(user=user).update(approved_at=timezone.now())


def make_therapist(user, *, approved: bool = True) -> None:
    TherapistProfile.objects.get_or_create(
        user=user, defaults={"practice": "Quiet Rooms", "registration": "UKCP 1234"}
    )
    if approved:
        approve(user)


def invite(couple, therapist, *, by, choices=None, until=None) -> CareTeamInvite:
    membership = couple.memberships.get(user=by)
    return care.invite_therapist(
        membership=membership,
        email=therapist.email,
        choices=EVERYTHING if choices is None else choices,
        until=until,
    )


def consent(invite_, user, *, choices=None, until=None):
    return care.give_grant(
        invite=invite_,
        membership=active_membership(user),
        choices=EVERYTHING if choices is None else choices,
        until=until,
    )


def full_access(
    couple, therapist, first, second, *, first_choices=None, second_choices=None
) -> CareTeamInvite:
    """Both partners agree (with these choices) and the therapist accepts."""
    made = invite(couple, therapist, by=first, choices=first_choices)
    consent(made, second, choices=second_choices)
    care.accept_invite(invite=made, therapist=therapist)
    return made


def can_see(therapist, couple) -> bool:
    """Whether the therapist may look at the couple now, asked the way their pages ask it."""
    from therapists.shared import progress_for

    return any(
        progress_for(therapist=therapist, code=code) is not None
        for code in CareTeamInvite.objects.filter(
            therapist=therapist, couple=couple
        ).values_list("code", flat=True)
    )


def sharing_seen_by(therapist, invite_):
    """What the therapist's pages see of the couple, from both partners' live grants."""
    from therapists.shared import progress_for

    return progress_for(therapist=therapist, code=invite_.code).sharing
