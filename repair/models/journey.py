"""The couple's journey: the one current phase, moves between phases and exercises done."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from couples.models import Couple

from .content import Exercise, Phase


class Journey(models.Model):
    """Where a couple is: always exactly one current phase."""

    couple = models.OneToOneField(
        Couple, on_delete=models.CASCADE, related_name="journey"
    )
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.couple} in {self.phase}"


class PhaseProposal(models.Model):
    """A partner's wish to move on to the next phase, waiting for the confirmation it needs."""

    class Outcome(models.TextChoices):
        MOVED = "moved", "Moved forward"
        NOT_YET = "not_yet", "Not yet"
        WITHDRAWN = "withdrawn", "Withdrawn"
        STEPPED_BACK = "stepped_back", "Set aside by a step back"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="phase_proposals"
    )
    from_phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    to_phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple"],
                condition=Q(closed_at__isnull=True),
                name="one_open_phase_proposal_per_couple",
            )
        ]

    def __str__(self) -> str:
        return f"Proposal to move to {self.to_phase}"


class JourneyEvent(models.Model):
    """One line of the couple's history: every change of phase, and every proposal."""

    class Kind(models.TextChoices):
        STARTED = "started", "Started"
        PROPOSED = "proposed", "Suggested moving forward"
        MOVED_FORWARD = "moved_forward", "Moved forward"
        NOT_YET = "not_yet", "Chose to stay a while longer"
        WITHDRAWN = "withdrawn", "Took back the suggestion"
        STEPPED_BACK = "stepped_back", "Stepped back"

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="journey_events"
    )
    kind = models.CharField(max_length=14, choices=Kind.choices)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["couple", "-at"], name="journey_history")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.phase})"


class ExerciseDone(models.Model):
    """A partner has done an exercise (the most recent time). Never counted or compared."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "user", "exercise"], name="one_done_mark_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Done mark {self.pk}"
