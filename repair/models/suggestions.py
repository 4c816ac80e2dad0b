"""Exercises the couple's therapist suggests, to both partners or to one of them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple

from .content import Exercise


class Suggestion(models.Model):
    """An exercise the couple's therapist suggests, to both partners or to one of them.

    Created through ``repair.suggestions.suggest_exercise``; the partners can take it up or set it
    aside, and nothing counts or chases either answer.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    # Empty means both partners.
    for_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    taken_up_at = models.DateTimeField(null=True, blank=True)
    set_aside_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["couple"],
                condition=Q(set_aside_at__isnull=True, taken_up_at__isnull=True),
                name="open_suggestions",
            )
        ]

    def __str__(self) -> str:
        return f"Suggestion {self.code}"
