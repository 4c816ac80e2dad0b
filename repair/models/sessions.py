"""Exercise sessions two partners do together, and what each reflects afterwards."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple

from .content import Exercise


class SessionStatus(models.TextChoices):
    PROPOSED = "proposed", "Invitation waiting for an answer"
    NOT_NOW = "not_now", "Not now"
    WITHDRAWN = "withdrawn", "Invitation taken back"
    ACCEPTED = "accepted", "Getting ready"
    RUNNING = "running", "Under way"
    ENDED = "ended", "Ended"


OPEN_STATUSES = (SessionStatus.PROPOSED, SessionStatus.ACCEPTED, SessionStatus.RUNNING)


class SessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class ExerciseSession(models.Model):
    """Two partners doing a together-exercise, each on their own device.

    ``version`` goes up on every change (see ``repair.sessions.touch``), which also tells the room's
    live endpoint that the screens' ETags are out of date (``repair.live``).
    """

    class EndReason(models.TextChoices):
        PARTNER = "partner", "Ended by a partner"
        PAUSE = "pause", "Ended by a pause"
        RED = "red", "Ended by a red light"
        LEFT = "left", "Ended when a partner left or signed out"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="exercise_sessions"
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="sessions"
    )
    # A session is shared history: when one partner deletes their account the session stays
    # (without them), so the other partner's reflection on it is not lost with it.
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Whose answer the current proposal waits for: the invitee, or the inviter after the invitee
    # suggested another time.
    awaiting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PROPOSED
    )
    planned_for = models.DateTimeField(null=True, blank=True)  # None means "now"
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    inviter_ready_at = models.DateTimeField(null=True, blank=True)
    invitee_ready_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["couple"],
                condition=Q(status__in=["proposed", "accepted", "running"]),
                name="open_exercise_sessions",
            ),
            # The prompt tick's reminder query: accepted sessions planned in the next minutes.
            models.Index(
                fields=["planned_for"],
                condition=Q(status="accepted"),
                name="sessions_planned_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.code}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def seconds_since_start(self) -> int:
        """By the server's clock: a phone whose clock is off still shows the right time spent."""
        if self.started_at is None:
            return 0
        return max(0, int((timezone.now() - self.started_at).total_seconds()))

    def is_ready(self, user) -> bool:
        if user.pk == self.inviter_id:
            return self.inviter_ready_at is not None
        return self.invitee_ready_at is not None

    def other_person(self, user):
        return self.invitee if user.pk == self.inviter_id else self.inviter


class Reflection(models.Model):
    """One partner's few words after a session: private unless they share it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        ExerciseSession, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    safety = models.PositiveSmallIntegerField()
    noticed = EncryptedTextField(blank=True)
    written_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="one_reflection_per_session_person"
            ),
            models.CheckConstraint(
                condition=Q(safety__gte=1, safety__lte=5), name="safety_from_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Reflection {self.code}"
