import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
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


# Care team: a couple's therapist, what each partner lets them see, and who has looked ----------


class ShareCategory(models.TextChoices):
    """What a partner can let the couple's therapist see. Some belong to both of you."""

    JOURNEY = "journey", "Where we are: our phase and its history"
    SESSIONS = "sessions", "Exercises we've done, and reflections I've shared"
    CHECKINS = "checkins", "My check-in trends, week by week (never my notes)"
    JOURNAL = (
        "journal",
        "Journal entries I choose to share with the therapist, one by one",
    )
    LETTER = (
        "letter",
        "The accountability letter as sent, and whether it has been heard",
    )
    CONSENT_LIST = (
        "consent_list",
        "Our mutual consent list (never anyone's own answers)",
    )


# Shown only when both partners have chosen them: this part of the picture belongs to you both.
SHARED_BY_BOTH = frozenset(
    {
        ShareCategory.JOURNEY,
        ShareCategory.LETTER,
        ShareCategory.CONSENT_LIST,
    }
)


class CareTeamInviteQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True, couple__ended_at__isnull=True)

    def both_granted(self):
        """Open invitations where both partners have an active grant (not revoked, not past its
        end date, from someone who is still an active member of the couple)."""
        today = timezone.localdate()
        active_grants = (
            TherapistGrant.objects.filter(
                invite=OuterRef("pk"), revoked_at__isnull=True
            )
            .filter(Q(until__isnull=True) | Q(until__gte=today))
            .filter(
                Exists(
                    Membership.objects.active().filter(
                        couple_id=OuterRef(OuterRef("couple_id")),
                        user_id=OuterRef("user_id"),
                    )
                )
            )
            .values("invite")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.open()
            .annotate(active_grants=Subquery(active_grants))
            .filter(active_grants=2)
        )

    def with_access(self):
        """Invitations whose therapist may see the couple right now: the one rule, in SQL.

        Both partners' grants are active, the therapist has accepted and is still approved, and
        the couple is together. Worked out on every request, so a revoke counts from the next one.
        """
        return self.both_granted().filter(
            accepted_at__isnull=False,
            therapist__therapist_profile__approved_at__isnull=False,
        )


class CareTeamInvite(models.Model):
    """A couple's invitation to one therapist. Seeing anything needs both partners' grants and the
    therapist's yes; ending it (by either partner, the therapist, or the couple ending) is final."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="care_invites"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_invites"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = CareTeamInviteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "therapist"],
                condition=Q(ended_at__isnull=True),
                name="one_open_care_invite_per_therapist",
            )
        ]

    def __str__(self) -> str:
        return f"Care team invitation {self.code}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class TherapistGrantQuerySet(models.QuerySet):
    def active(self):
        today = timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            Q(until__isnull=True) | Q(until__gte=today)
        )


class TherapistGrant(models.Model):
    """One partner's consent for the couple's therapist, with what they choose to share."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invite = models.ForeignKey(
        CareTeamInvite, on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    share_journey = models.BooleanField(ShareCategory.JOURNEY.label, default=False)
    share_sessions = models.BooleanField(ShareCategory.SESSIONS.label, default=False)
    share_checkins = models.BooleanField(ShareCategory.CHECKINS.label, default=False)
    share_journal = models.BooleanField(ShareCategory.JOURNAL.label, default=False)
    share_letter = models.BooleanField(ShareCategory.LETTER.label, default=False)
    share_consent_list = models.BooleanField(
        ShareCategory.CONSENT_LIST.label, default=False
    )
    # The last day the grant counts; empty means until revoked.
    until = models.DateField(null=True, blank=True)
    given_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = TherapistGrantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invite", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_grant_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"Grant {self.code}"

    def shares(self, category: str) -> bool:
        return getattr(self, f"share_{category}")

    @property
    def categories(self) -> set[str]:
        return {c for c in ShareCategory.values if self.shares(c)}

    @property
    def categories_labels(self) -> list[str]:
        return [c.label for c in ShareCategory if self.shares(c)]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.until is None or self.until >= timezone.localdate()
        )


class AccessEvent(models.Model):
    """One look by a therapist at a couple's shared progress. Append-only.

    The ids are plain columns, not foreign keys, on purpose: on PostgreSQL a trigger refuses any
    UPDATE or DELETE on this table (migration 0004), so a cascade or SET NULL from deleting a couple
    or an account would be refused too. Plain ids let people and couples be deleted while the record
    of who looked stays as it was. The viewer's name is copied for the same reason.
    """

    class What(models.TextChoices):
        DASHBOARD = "dashboard", "saw your summary line on their dashboard"
        COUPLE_PAGE = "couple_page", "looked at what you share"
        EXPORT = "export", "opened the printable summary"
        NOTES = "notes", "kept a private note for your sessions"
        SUGGESTION = "suggestion", "suggested an exercise"
        ADMIN = "admin", "(Mend staff) opened your couple's record in the admin"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple_id = models.BigIntegerField(db_index=True)
    viewer_id = models.BigIntegerField()
    viewer_name = models.CharField(max_length=150)
    what = models.CharField(max_length=20, choices=What.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["couple_id", "-at"], name="access_log")]

    def __str__(self) -> str:
        return f"Access {self.code}"
