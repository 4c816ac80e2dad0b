"""The content library: phases and their exercises, edited by staff, with each edit kept."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from couples.models import Role


class Phase(models.Model):
    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=120)
    purpose = models.TextField(help_text="Markdown.")
    what_it_is = models.TextField("what this phase is", help_text="Markdown.")
    what_it_is_not = models.TextField("what this phase is not", help_text="Markdown.")
    readiness = models.TextField("signs of readiness", help_text="Markdown.")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Who(models.TextChoices):
    TOGETHER = "together", "Together"
    INJURED = "injured", "The partner who was hurt"
    INVOLVED = "involved", "The partner who broke trust"
    EACH = "each", "Each of you, on your own"


class Kind(models.TextChoices):
    TALK = "talk", "Talking"
    TOUCH = "touch", "Touch"
    INTIMACY = "intimacy", "Intimacy"
    REFLECTION = "reflection", "Reflection"


# Kinds that a pause silences.
PAUSABLE_KINDS = frozenset({Kind.TOUCH, Kind.INTIMACY})


class ExerciseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def available_up_to(self, phase: Phase):
        """Exercises of this phase and every earlier one: earlier phases stay open."""
        return self.published().filter(phase__order__lte=phase.order)


# A phrase in an exercise's text that names one of Mend's tools, and where the tool is.
TOOL_MENTIONS = (
    ("accountability letter", "The accountability letter", "repair:letter"),
    ("question box", "The question box", "repair:questions"),
    ("consent menu", "Yes, no, maybe: your private consent menu", "checkins:consent"),
)


class Exercise(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="exercises")
    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=160)
    who = models.CharField(max_length=10, choices=Who.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField("duration in minutes", default=15)
    summary = models.TextField(blank=True)
    why = models.TextField("why it helps", blank=True, help_text="Markdown.")
    instructions = models.TextField(help_text="Markdown.")
    how_to_stop = models.TextField(blank=True, help_text="Markdown.")
    if_it_hurts = models.TextField(blank=True, help_text="Markdown.")
    scripts = models.TextField(
        blank=True, help_text="Optional phrases to say, one per line."
    )
    reflection_questions = models.TextField(
        blank=True, help_text="Optional questions for afterwards, one per line."
    )
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    # The text an admin edits; each saved version keeps a copy of all of it.
    VERSIONED_FIELDS = (
        "title",
        "who",
        "kind",
        "minutes",
        "summary",
        "why",
        "instructions",
        "how_to_stop",
        "if_it_hurts",
        "scripts",
        "reflection_questions",
        "published",
        "order",
    )

    class Meta:
        ordering = ["phase__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_together(self) -> bool:
        return self.who == Who.TOGETHER

    @property
    def tools(self) -> list[tuple[str, str]]:
        """Mend's own tools that this exercise's text sends people to: (label, URL name)."""
        text = f"{self.title} {self.instructions}".lower()
        return [
            (label, url_name)
            for phrase, label, url_name in TOOL_MENTIONS
            if phrase in text
        ]

    def is_for(self, role: str) -> bool:
        """Whether a partner with this role does this exercise: a solo exercise for the partner
        who was hurt, or for the one who broke trust, is theirs alone; with mutual roles each
        partner is both."""
        if self.who in (Who.INJURED, Who.INVOLVED):
            return role in (self.who, Role.MUTUAL)
        return True

    @property
    def is_pausable(self) -> bool:
        return self.kind in PAUSABLE_KINDS

    @property
    def script_lines(self) -> list[str]:
        return [line.strip() for line in self.scripts.splitlines() if line.strip()]

    @property
    def question_lines(self) -> list[str]:
        return [
            line.strip()
            for line in self.reflection_questions.splitlines()
            if line.strip()
        ]

    def snapshot(self) -> dict:
        return {name: getattr(self, name) for name in self.VERSIONED_FIELDS}


class ExerciseVersion(models.Model):
    """A copy of an exercise's text as it was saved, so earlier wording can be restored."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    content = models.JSONField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "number"], name="one_number_per_exercise_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise} — version {self.number}"
