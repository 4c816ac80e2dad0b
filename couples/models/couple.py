"""The couple: its two partners, invitations to join, pauses and each partner's private safety check."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.fields import EncryptedTextField


class Role(models.TextChoices):
    INJURED = "injured", "I was hurt by what happened"
    INVOLVED = "involved", "I broke trust"
    MUTUAL = "mutual", "We both broke trust"


# Roles that fit together in one couple: the hurt partner sets the pace, so a couple needs
# exactly one hurt partner and one who broke trust, or two partners who both did.
COMPATIBLE_ROLE = {
    Role.INJURED: Role.INVOLVED,
    Role.INVOLVED: Role.INJURED,
    Role.MUTUAL: Role.MUTUAL,
}


class Couple(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Couple {self.code}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)


class Membership(models.Model):
    """One person's place in a couple, with the role they stated."""

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    # When the person put away the calm word home shows them after their couple ended
    # (couples/endings.py). The one who left puts it away by leaving.
    ending_put_away_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(left_at__isnull=True),
                name="one_active_couple_per_person",
            ),
            models.UniqueConstraint(
                fields=["couple", "user"], name="one_membership_per_couple_and_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.couple}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(models.Model):
    """A single-use, expiring link that lets a partner join a couple."""

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations_sent",
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Invitation to {self.couple}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class Pause(models.Model):
    """A partner's pause: while any pause is open, touch and intimacy work and prompts stop."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="pauses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pauses"
    )
    note = EncryptedTextField("a private note, only for you", blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_open_pause_per_partner",
            )
        ]
        indexes = [
            models.Index(
                fields=["couple"],
                condition=Q(ended_at__isnull=True),
                name="open_pauses",
            )
        ]

    def __str__(self) -> str:
        return f"Pause in {self.couple}"


class SafetyCheck(models.Model):
    """One person's private safety check in their couple, and whether their pause is quiet mode.

    Everything the person said is in ``sealed``: JSON sealed to this row (core.fields), holding
    the answers, when they were given, and the code of the pause that is their quiet mode, if any.
    Only the person's own views open it. It is never shown to the partner, a therapist or staff
    (it has no admin on purpose), and only the person's own export carries it.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sealed = EncryptedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "user"], name="one_safety_check_per_person_and_couple"
            )
        ]

    def __str__(self) -> str:
        return f"Private check {self.code}"
