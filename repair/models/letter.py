"""The accountability letter: drafts, the versions sent, and the reader's response."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple


class Letter(models.Model):
    """A partner's accountability letter: a private draft, and every version they sent."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    what_i_did = EncryptedTextField(blank=True)
    how_it_hurt = EncryptedTextField(blank=True)
    doing_now = EncryptedTextField(blank=True)
    will_keep_doing = EncryptedTextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    witnessed_at = models.DateTimeField(null=True, blank=True)

    SECTIONS = ("what_i_did", "how_it_hurt", "doing_now", "will_keep_doing")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "author"], name="one_letter_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"Letter {self.code}"


class LetterVersion(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="sent")
    number = models.PositiveIntegerField()
    what_i_did = EncryptedTextField()
    how_it_hurt = EncryptedTextField()
    doing_now = EncryptedTextField()
    will_keep_doing = EncryptedTextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "number"], name="one_number_per_letter_version"
            )
        ]

    def __str__(self) -> str:
        return f"Letter version {self.number}"


class LetterResponse(models.Model):
    """The witness's answer to one sent version of a letter.

    The response is the witness's own writing: it outlives the letter when its writer deletes
    their account (the version goes and ``version`` becomes empty).
    """

    class Kind(models.TextChoices):
        HEARD = "heard", "I feel heard"
        NOT_YET = "not_yet", "Not yet"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        LetterVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    missing = EncryptedTextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Response {self.code}"
