import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Device(models.Model):
    """One browser on one device that asked for notifications (a Web Push subscription).

    The endpoint and keys come from the browser's push service: they are secrets that let anyone
    holding them send to this device, so they are never shown, exported or logged.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_devices"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    # What the person sees in their list, worked out from the browser's name ("Chrome on Android").
    label = models.CharField(max_length=60)
    created_at = models.DateTimeField(default=timezone.now)
    last_reached_at = models.DateTimeField(null=True, blank=True)
    # Failed tries in a row. A device that never answers is let go of (reach.push.GIVE_UP_AFTER).
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.label} of {self.user_id}"


class PushStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up"
    SKIPPED = "skipped", "Not needed"


class Push(models.Model):
    """One prompt's notification to one device: created once, sent at most once.

    The pair (prompt, device) is the idempotency key, like (person, kind, key) is for the prompt:
    a retried task or a second tick finds the row and sends nothing twice.
    """

    prompt = models.ForeignKey(
        "prompts.Prompt", on_delete=models.CASCADE, related_name="+"
    )
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=7, choices=PushStatus.choices, default=PushStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prompt", "device"], name="one_push_per_prompt_and_device"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_try_at"],
                condition=models.Q(status="pending"),
                name="reach_push_pending",
            )
        ]

    def __str__(self) -> str:
        return f"Push of prompt {self.prompt_id} to device {self.device_id}"
