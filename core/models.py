import uuid

from django.db import models
from django.utils import timezone

from .fields import EncryptedTextField


class AuthzDenied(models.Model):
    """One refused request by a signed-in person (403 or 404 on a known route). Append-only.

    Plain ids, no foreign keys and no personal text: the path of a private object is only opaque
    UUIDs, and a route whose arguments are anything else is stored as its pattern, so a credential
    such as an invitation token never lands here. On PostgreSQL a trigger refuses UPDATE and DELETE
    (migration 0002).
    """

    user_id = models.BigIntegerField(null=True)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "refused request"

    def __str__(self) -> str:
        return f"{self.status} {self.path}"


class AutosavedText(models.Model):
    """Writing kept as it is typed, before its writer sends or saves it (core.autosave).

    Only its writer ever sees it. ``key`` says what it is for ("answer:<uuid>"), never what it
    says; the text itself is encrypted. It goes when the real thing is saved, or with the writer.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=100)
    text = EncryptedTextField(blank=True)  # the fields, as JSON
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "key"], name="one_autosaved_text_per_owner_and_key"
            )
        ]

    def __str__(self) -> str:
        return f"Autosaved text {self.pk}"
