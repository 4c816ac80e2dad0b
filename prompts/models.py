import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Frequency(models.TextChoices):
    DAILY = "daily", "Every day"
    FEW = "few", "A few times a week"
    WEEKLY = "weekly", "Once a week"
    OFF = "off", "Not at all"


class Kind(models.TextChoices):
    CHECKIN = "checkin", "Daily check-in invitation"
    SESSION = "session", "Reminder of an exercise you planned"
    SHARED = "shared", "Something was shared with you"
    RECONNECT = "reconnect", "A gentle invitation to reconnect"
    REFLECTION = "reflection", "Weekly reflection"
    HEADS_UP = "headsup", "A hard date is coming for your partner"
    INVITED = "invited", "An invitation to an exercise"
    ASKED = "asked", "A question or suggestion from your partner"
    MEASURES = "measures", "An invitation to your measures, on the cadence you chose"


# Prompts that touch on closeness: never sent while either partner pauses, or after the
# recipient's red check-in that day.
CLOSENESS_KINDS = {Kind.SESSION, Kind.RECONNECT, Kind.INVITED}

_hour = [MinValueValidator(0), MaxValueValidator(23)]


class Preferences(models.Model):
    """How and when a person would like gentle prompts. The schedule lives here too, in UTC."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prompt_preferences",
    )
    prompt_hour = models.PositiveSmallIntegerField(
        "preferred hour", default=19, validators=_hour
    )
    quiet_start = models.PositiveSmallIntegerField(
        "quiet from", default=22, validators=_hour
    )
    quiet_end = models.PositiveSmallIntegerField(
        "quiet until", default=8, validators=_hour
    )
    frequency = models.CharField(
        max_length=6, choices=Frequency.choices, default=Frequency.DAILY
    )
    email = models.BooleanField("also by email", default=False)
    discreet = models.BooleanField("discreet mode", default=True)
    # When the next scheduled prompt is due (UTC) and the local date it belongs to.
    next_due_at = models.DateTimeField(null=True, blank=True)
    next_local_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["next_due_at"], name="prompts_due")]

    def __str__(self) -> str:
        return f"Prompt preferences of {self.user_id}"

    def in_quiet_hours(self, hour: int) -> bool:
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= hour < self.quiet_end
        return hour >= self.quiet_start or hour < self.quiet_end


class PromptText(models.Model):
    """Admin-edited wording. Several variants per kind, so prompts don't repeat themselves."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.text


class EmailStatus(models.TextChoices):
    NONE = "none", "In the app only"
    PENDING = "pending", "Email waiting"
    SENT = "sent", "Email sent"
    FAILED = "failed", "Email failed"


class Prompt(models.Model):
    """One prompt for one person, shown in their inbox (and perhaps emailed). Created exactly once."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prompts"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The idempotency key: a local date for scheduled prompts, an event id for the others.
    key = models.CharField(max_length=64)
    local_date = models.DateField()
    counts_toward_daily_limit = models.BooleanField(default=True)
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=200, default="/")
    email_status = models.CharField(
        max_length=7, choices=EmailStatus.choices, default=EmailStatus.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="one_prompt_per_person_kind_key"
            ),
            models.UniqueConstraint(
                fields=["user", "local_date"],
                condition=Q(counts_toward_daily_limit=True),
                name="at_most_one_prompt_per_person_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="prompts_unread"),
            models.Index(
                fields=["email_status"],
                condition=Q(email_status="pending"),
                name="prompts_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id}"


class EmailOptOut(models.Model):
    """A kind of prompt this person no longer wants by email (from a one-click unsubscribe)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_opt_out_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} opted out of {self.kind} emails"
