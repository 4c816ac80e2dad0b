"""The care team: a couple's therapist, what each partner lets them see, and who has looked."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from .couple import Couple, Membership


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
    MEASURES = (
        "measures",
        "My questionnaire scores over time, and a flag if an answer calls for care (never my answers)",
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
    share_measures = models.BooleanField(ShareCategory.MEASURES.label, default=False)
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
        # Which part of their page a therapist looked at, in the couple's words. Looks from before
        # the page had parts were all logged as COUPLE_PAGE, which keeps its wording.
        OVERVIEW = "overview", "looked at the overview of what you share"
        JOURNEY = "journey", "looked at your journey and exercises"
        JOURNAL_AND_LETTER = (
            "journal_and_letter",
            "read the journal entries and letter you share",
        )
        COUPLE_PAGE = "couple_page", "looked at what you share"
        EXPORT = "export", "opened the printable summary of everything you share"
        PREP = (
            "prep",
            "looked at what changed since your last session, to prepare for the next",
        )
        FLAG_SEEN = "flag_seen", "noted that they have seen a measure's flag"
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
