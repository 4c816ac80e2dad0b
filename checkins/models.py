import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple


class Light(models.TextChoices):
    GREEN = "green", "Green — I'm feeling steady today"
    YELLOW = "yellow", "Yellow — go slowly with me today"
    RED = "red", "Red — not today"


# The five sexual-safety statements, in the order people answer them.
SAFETY_STATEMENTS = [
    ("safe", "I feel emotionally safe before, during and after closeness."),
    ("not_performing", "I can be myself, without performing or placating."),
    ("can_say_no", "I can say no without guilt."),
    ("can_say_yes", "I can say yes without abandoning myself."),
    ("equal", "I feel like an equal."),
]
SAFETY_FIELDS = [name for name, _ in SAFETY_STATEMENTS]


def _score(label: str) -> models.PositiveSmallIntegerField:
    # Empty when not answered: the light alone is a whole check-in, and the statements are
    # optional (never asked on a red day). An empty answer is missing, never a zero.
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class CheckIn(models.Model):
    """One person's daily check-in, for their own local date: a light, and if they like a note and
    the five safety statements. They can revise it the same day."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    couple = models.ForeignKey(
        Couple,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkins",
    )
    local_date = models.DateField()
    light = models.CharField(max_length=6, choices=Light.choices)
    safe = _score(SAFETY_STATEMENTS[0][1])
    not_performing = _score(SAFETY_STATEMENTS[1][1])
    can_say_no = _score(SAFETY_STATEMENTS[2][1])
    can_say_yes = _score(SAFETY_STATEMENTS[3][1])
    equal = _score(SAFETY_STATEMENTS[4][1])
    feelings = EncryptedTextField(blank=True)
    note = EncryptedTextField(blank=True)
    note_shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "local_date"], name="one_checkin_per_person_per_day"
            )
        ]
        indexes = [
            models.Index(fields=["couple", "local_date"], name="checkins_by_couple_day")
        ]

    def __str__(self) -> str:
        return f"Check-in {self.code}"

    @property
    def scores(self) -> list[tuple[str, int | None]]:
        return [(label, getattr(self, name)) for name, label in SAFETY_STATEMENTS]

    @property
    def answered_statements(self) -> bool:
        return any(getattr(self, name) is not None for name in SAFETY_FIELDS)


class ConsentGroup(models.Model):
    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ConsentItem(models.Model):
    """One line of the menu. A shared item is the same act for both people (kissing); a
    directional item is one side of a pair (giving / receiving, I start / you start), and only
    ever matches its counterpart, never itself."""

    class Kind(models.TextChoices):
        SHARED = "shared", "Shared: the same for both of us"
        DIRECTIONAL = "directional", "One side of a pair (giving / receiving, me / you)"

    group = models.ForeignKey(
        ConsentGroup, on_delete=models.CASCADE, related_name="items"
    )
    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200)
    published = models.BooleanField(default=True)
    kind = models.CharField(max_length=11, choices=Kind.choices, default=Kind.SHARED)
    # Kept symmetric: A.counterpart is B exactly when B.counterpart is A (checkins.consent.pair_items).
    # Deleting one half deletes the other, so a directional item never stands alone.
    counterpart = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The other side of a directional pair; "
        "a yes here only ever meets a yes to that other side.",
    )

    class Meta:
        ordering = ["group__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="shared", counterpart__isnull=True)
                    | models.Q(kind="directional", counterpart__isnull=False)
                ),
                name="consent_item_directional_has_other_half",
            ),
            models.CheckConstraint(
                condition=~models.Q(counterpart=models.F("pk")),
                name="consent_item_not_its_own_counterpart",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def directional(self) -> bool:
        return self.kind == self.Kind.DIRECTIONAL

    def clean(self) -> None:
        errors = {}
        if self.directional and self.counterpart_id is None:
            errors["counterpart"] = (
                "A directional item needs its other half: choose the item it pairs with."
            )
        if not self.directional and self.counterpart_id is not None:
            errors["counterpart"] = "A shared item has no other half; leave this empty."
        if self.counterpart_id is not None and self.counterpart_id == self.pk:
            errors["counterpart"] = "An item cannot be its own other half."
        elif self.counterpart_id is not None:
            other = self.counterpart
            if other.counterpart_id not in (None, self.pk):
                errors["counterpart"] = (
                    f"“{other}” is already paired with “{other.counterpart}”."
                )
        if self.pk is not None:
            before = (
                ConsentItem.objects.filter(pk=self.pk)
                .values_list("counterpart_id", flat=True)
                .first()
            )
            if before is not None and before != self.counterpart_id:
                # Re-pairing would quietly give people's answers a new meaning.
                errors["counterpart"] = (
                    "This item is one half of a pair, and a pair stays together: people "
                    "answered it as such. To change it, unpublish both and add a new pair."
                )
        if errors:
            raise ValidationError(errors)


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No"


class CheckAgain(models.IntegerChoices):
    ONE_MONTH = 1, "In a month"
    THREE_MONTHS = 3, "In three months"


class ConsentAnswer(models.Model):
    """One person's private answer for one item, with an optional private note and "check again"
    date. Never shown to anyone but them. Past its check-again time an answer rests: it counts
    neither as yes nor maybe until the person looks at it again."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consent_answers",
    )
    item = models.ForeignKey(
        ConsentItem, on_delete=models.CASCADE, related_name="answers"
    )
    # Blank when the person kept only a note.
    answer = models.CharField(max_length=5, choices=Answer.choices, blank=True)
    note = EncryptedTextField(blank=True)
    check_again_months = models.PositiveSmallIntegerField(
        choices=CheckAgain.choices, null=True, blank=True
    )
    check_again_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item"], name="one_answer_per_person_per_item"
            )
        ]

    def __str__(self) -> str:
        return "A private answer"

    def is_resting(self, now) -> bool:
        return self.check_again_at is not None and self.check_again_at <= now


class ConsentOptIn(models.Model):
    """A partner's wish to open the consent menu before phase 3. It opens only when both have opted in."""

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="consent_opt_ins"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "user"], name="one_opt_in_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"Opt-in for {self.couple}"


class SessionLight(models.Model):
    """A partner's traffic light during an exercise session. Every change is kept, with its time."""

    session = models.ForeignKey(
        "repair.ExerciseSession", on_delete=models.CASCADE, related_name="lights"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    light = models.CharField(max_length=6, choices=Light.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["session", "created_at"], name="session_lights_by_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.light} in {self.session_id}"
