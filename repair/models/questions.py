"""The question box: questions the hurt partner asks and the versions of each answer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple


class Question(models.Model):
    """A question waits in the box, seen only by its asker, until they bring it up.

    Bringing it up is the asker's choice of which question is answered, usually at the time the
    couple agreed to sit down with the box, and with it whether they want the detail or what it
    meant: graphic detail can leave images that are hard to forget, so it is never assumed.
    """

    class Wants(models.TextChoices):
        DETAIL = "detail", "The detail"
        MEANING = "meaning", "What it meant"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField()
    asked_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    wants = models.CharField(max_length=8, choices=Wants.choices, blank=True)
    # Only the person who asked decides whether a question is answered for them.
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"Question {self.code}"


class AnswerVersion(models.Model):
    """An answer is given once (number 1); anything later is a correction added beside it
    (number 2 on), dated and shown as added, so the asker sees what changed and when.

    An answer is its writer's own: it outlives the question when the asker deletes their account
    (the question's text goes and ``question`` becomes empty).
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField()
    text = EncryptedTextField()
    written_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="one_number_per_answer_version"
            )
        ]

    def __str__(self) -> str:
        return f"Answer {self.code}"
