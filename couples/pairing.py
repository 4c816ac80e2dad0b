"""Starting a couple, inviting a partner, joining and leaving."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.tasks import enqueue

from . import care
from .models import COMPATIBLE_ROLE, Couple, Invitation, Membership, Role
from .signals import couple_ended, couple_started
from .tasks import send_invitation_email


class PairingError(Exception):
    """A pairing step that cannot happen, with a message fit to show the person."""


def _ensure_not_in_a_couple(user) -> None:
    if Membership.objects.active().filter(user=user).exists():
        raise PairingError(
            "You are already part of a couple in Mend. You can leave it from your home page first."
        )


@transaction.atomic
def start_couple(*, user, role: str) -> Couple:
    _ensure_not_in_a_couple(user)
    couple = Couple.objects.create()
    try:
        with transaction.atomic():
            Membership.objects.create(couple=couple, user=user, role=role)
    except IntegrityError as error:  # a second tab started a couple at the same moment
        raise PairingError("You are already part of a couple in Mend.") from error
    couple_started.send(sender=Couple, couple=couple)
    return couple


@transaction.atomic
def create_invitation(*, membership: Membership, email: str = "") -> Invitation:
    """A fresh invitation link for the couple; any earlier unused link stops working."""
    couple = Couple.objects.select_for_update().get(pk=membership.couple_id)
    if couple.memberships.active().count() >= 2:
        raise PairingError("Your partner has already joined.")
    now = timezone.now()
    couple.invitations.pending().update(revoked_at=now)
    # Counted before this one: an address gets a few invitation emails a day, from anyone, so
    # the form can't be used to flood someone's inbox. Past that the link is still made, to copy.
    emailed_today = (
        Invitation.objects.filter(
            email__iexact=email, created_at__gte=now - timedelta(days=1)
        ).count()
        if email
        else 0
    )
    invitation = Invitation.objects.create(
        couple=couple,
        invited_by=membership.user,
        email=email,
        expires_at=now + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    invitation.emailed = bool(email) and (
        emailed_today < settings.INVITATION_EMAILS_PER_ADDRESS_PER_DAY
    )
    # Whether the email reached the queue: a broker that is down never fails the invitation,
    # whose link is there to copy (the page says so).
    invitation.email_queued = invitation.emailed
    if invitation.emailed:

        def queue_email() -> None:
            invitation.email_queued = enqueue(send_invitation_email, invitation.pk)

        transaction.on_commit(queue_email)
    return invitation


def pending_invitation(couple: Couple) -> Invitation | None:
    """The newest invitation that can still be used, if there is one."""
    return couple.invitations.pending().order_by("-created_at").first()


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("couple", "invited_by")
        .filter(token=token)
        .first()
    )


def link_problem(invitation: Invitation | None) -> str | None:
    """What is wrong with the link itself, whoever opens it (signed in or not), or None."""
    if invitation is None or invitation.revoked_at is not None:
        return "This invitation link isn't valid any more. Ask your partner to send you a new one."
    if invitation.accepted_at is not None:
        return "This invitation link has already been used. Each link works once; ask your partner for a new one."
    if invitation.is_expired:
        return "This invitation link has expired. Ask your partner to send you a new one from their home page."
    if not invitation.couple.is_active:
        return "This couple is no longer active in Mend, so the link can't be used."
    return None


def invitation_problem(invitation: Invitation | None, user) -> str | None:
    """Why this person cannot use this invitation, in words for them, or None if they can."""
    if problem := link_problem(invitation):
        return problem
    if invitation.invited_by_id == user.pk:
        return "This is your own invitation link. Send it to your partner so they can join you."
    if Membership.objects.active().filter(user=user).exists():
        return "You are already part of a couple in Mend. You can leave it from your home page before joining another."
    return None


def joined_with(invitation: Invitation | None, user) -> bool:
    """Whether this person already joined their couple with this link (a second tap, a reload)."""
    return (
        invitation is not None
        and invitation.accepted_by_id == user.pk
        and Membership.objects.active()
        .filter(user=user, couple_id=invitation.couple_id)
        .exists()
    )


def inviter_role(invitation: Invitation) -> str | None:
    membership = (
        invitation.couple.memberships.active()
        .filter(user_id=invitation.invited_by_id)
        .first()
    )
    return membership.role if membership else None


@transaction.atomic
def accept_invitation(*, token: str, user, role: str) -> Membership:
    # Only the invitation row is locked: two taps, or two people with one link, take turns on it.
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("couple", "invited_by")
        .filter(token=token)
        .first()
    )
    if joined_with(invitation, user):
        return Membership.objects.active().get(user=user)
    problem = invitation_problem(invitation, user)
    if problem:
        raise PairingError(problem)
    couple = Couple.objects.select_for_update().get(pk=invitation.couple_id)
    if couple.memberships.active().count() >= 2:
        raise PairingError(
            "This couple already has two partners, so the link can't be used."
        )
    their_role = inviter_role(invitation)
    if their_role and COMPATIBLE_ROLE[Role(their_role)] != role:
        raise PairingError(role_mismatch_message(invitation.invited_by, their_role))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(couple=couple, user=user, role=role)
    except IntegrityError as error:
        raise PairingError("You are already part of a couple in Mend.") from error
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def role_mismatch_message(inviter, their_role: str) -> str:
    expected = COMPATIBLE_ROLE[Role(their_role)]
    return (
        f"{inviter.display_name} described their part as “{Role(their_role).label.lower()}”. "
        f"For Mend to follow the pace of the partner who was hurt, your roles need to fit together, "
        f"so here that would be “{Role(expected).label.lower()}”. If you see it differently, it may help to "
        "talk it over first; nothing has been saved yet."
    )


@transaction.atomic
def leave_couple(*, user) -> Couple | None:
    """Ends the person's couple at once, for both partners. Nobody's own writing is deleted."""
    membership = (
        Membership.objects.active().select_for_update().filter(user=user).first()
    )
    if membership is None:
        return None
    couple = Couple.objects.select_for_update().get(pk=membership.couple_id)
    care.revoke_all_grants_for(user=user)
    now = timezone.now()
    user_ids = list(couple.memberships.active().values_list("user_id", flat=True))
    couple.memberships.active().update(left_at=now)
    couple.invitations.pending().update(revoked_at=now)
    couple.ended_at = now
    couple.save(update_fields=["ended_at"])
    couple_ended.send(sender=Couple, couple_id=couple.pk, user_ids=user_ids)
    return couple
