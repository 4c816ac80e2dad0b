import datetime
import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

# A number is re-confirmed on its source page at least this often.
CHECK_EVERY = datetime.timedelta(days=365)


class CrisisLine(models.Model):
    """A helpline or emergency number for one country, shown on the Safety page.

    Staff edit these in the admin. A wrong number is harmful, so each row names the public page
    it was taken from and the day someone last confirmed it there; past its check-by date the
    admin flags it.
    """

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency services"
        CRISIS = "crisis", "Suicide and self-harm crisis"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
        SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"

    country = models.CharField(
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Two capital letters, like GB.")],
        help_text="The ISO 3166 two-letter code: GB, US, DE…",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    service = models.CharField("service name", max_length=120)
    helps_with = models.CharField(
        "what it helps with",
        max_length=240,
        blank=True,
        help_text="One plain line shown under the name.",
    )
    phone = models.CharField(
        "phone number", max_length=40, blank=True, help_text="As people dial it."
    )
    text_number = models.CharField(
        "text line number", max_length=20, blank=True, help_text="Where to send a text."
    )
    text_message = models.CharField(
        "text to send",
        max_length=40,
        blank=True,
        help_text="A word the text line asks for, like SHOUT. Leave empty if any text works.",
    )
    hours = models.CharField(max_length=80, default="Any time, day or night")
    source_url = models.URLField(
        "source", help_text="The official page that publishes this number."
    )
    last_checked = models.DateField(
        help_text="The day someone last confirmed the number on the source page."
    )
    order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["country", "order", "service"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(text_number=""),
                name="crisis_line_has_a_number",
            ),
            models.UniqueConstraint(
                fields=["country", "service"], name="crisis_line_unique_service"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.service}"

    @property
    def check_by(self) -> datetime.date:
        return self.last_checked + CHECK_EVERY

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.check_by < (today or timezone.localdate())

    @property
    def phone_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    @property
    def text_href(self) -> str:
        return f"sms:{self.text_number}" if self.text_number else ""
