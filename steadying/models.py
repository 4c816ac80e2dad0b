import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple

MAX_CARD_CHARS = 2_000
MAX_NOTE_CHARS = 4_000
MAX_LABEL_CHARS = 200


class Card(models.Model):
    """A person's own card, written at a calm moment, for when the past floods in."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flood_card"
    )
    helps = EncryptedTextField(blank=True)
    does_not_help = EncryptedTextField(blank=True)
    # Off unless the person turns it on: a tap reaches nobody but them.
    send_to_partner = models.BooleanField(default=False)
    keep_history = models.BooleanField(default=False)
    # Set when the person shows their private list to their therapist, like a journal entry:
    # seen only while they also share their journal in the therapist's grant.
    history_shared_with_therapist_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Card {self.code}"

    @property
    def is_written(self) -> bool:
        return bool(self.helps or self.does_not_help)


class FloodedMoment(models.Model):
    """One tap, kept only for a person who asked for a private history. Never counted or shown to anyone else."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    card_sent = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "-at"], name="flooded_by_user")]

    def __str__(self) -> str:
        return f"Moment {self.code}"


class HonestyNote(models.Model):
    """Something the partner who broke trust chose to tell. Append-only: a PostgreSQL trigger
    refuses UPDATE and DELETE (see the migration), except resealing under a newer key and the
    writer's own account being deleted. A correction is a new note that points at the earlier one."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="honesty_notes",
    )
    body = EncryptedTextField()
    corrects = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["couple", "-created_at"], name="honesty_by_couple")
        ]

    def __str__(self) -> str:
        return f"Honesty note {self.code}"


class HonestyThanks(models.Model):
    """The reader's one-tap "thank you for telling me". At most one per note; there is no reply."""

    note = models.ForeignKey(
        HonestyNote, on_delete=models.CASCADE, related_name="thanks"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["note", "reader"], name="one_thanks_per_note"
            )
        ]

    def __str__(self) -> str:
        return f"Thanks for {self.note_id}"


class HardDate(models.Model):
    """A date that hurts, kept by the person it hurts. Private: only its owner ever sees what it is.

    It repeats every year. If the owner asks, their partner gets a heads-up a few days before,
    with no details (prompts.heads_up sends it). The schedule fields say when to look next.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hard_dates"
    )
    label = EncryptedTextField()
    month = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    heads_up = models.BooleanField(default=False)
    days_before = models.PositiveSmallIntegerField(default=3)
    # The next time this date comes round, and the first UTC date a heads-up for it could be
    # due anywhere in the world (an indexed range for the tick).
    next_occurrence = models.DateField()
    next_check_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month", "day", "pk"]
        indexes = [
            models.Index(
                fields=["next_check_on"],
                condition=models.Q(heads_up=True),
                name="hard_dates_to_check",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    month__gte=1, month__lte=12, day__gte=1, day__lte=31
                ),
                name="hard_date_is_a_calendar_day",
            ),
            models.CheckConstraint(
                condition=models.Q(days_before__gte=1, days_before__lte=7),
                name="hard_date_heads_up_within_a_week",
            ),
        ]

    def __str__(self) -> str:
        return f"Hard date {self.code}"

    @property
    def shown_as(self) -> datetime.date:
        """The day and month to show (in a leap year, so 29 February is kept as written)."""
        return datetime.date(2000, self.month, self.day)
