"""Testing for sexually transmitted infections before the sexual exercises."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from couples.models import Couple


class StiTesting(models.Model):
    """The hurt partner's condition that both get tested before sexual exercises (repair.testing).

    It holds no medical detail at all: who asked and when. Each person's "done" is their own row.
    """

    couple = models.OneToOneField(Couple, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"STI testing {self.pk}"


class StiTestingDone(models.Model):
    """One person's word that they have done the testing asked for. Only "done": no result, no
    date of a test, no place."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "user"], name="one_testing_done_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"STI testing done {self.pk}"
