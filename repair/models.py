"""Repair: the content library (phases, exercises), the couple's journey through it, the
accountability letter and question box, and the exercise sessions two partners do together."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple

# Content -----------------------------------------------------------------------------------


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


# The couple's journey -----------------------------------------------------------------------


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


# Exercise sessions ----------------------------------------------------------------------------


class SessionStatus(models.TextChoices):
    PROPOSED = "proposed", "Invitation waiting for an answer"
    NOT_NOW = "not_now", "Not now"
    WITHDRAWN = "withdrawn", "Invitation taken back"
    ACCEPTED = "accepted", "Getting ready"
    RUNNING = "running", "Under way"
    ENDED = "ended", "Ended"


OPEN_STATUSES = (SessionStatus.PROPOSED, SessionStatus.ACCEPTED, SessionStatus.RUNNING)


class SessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class ExerciseSession(models.Model):
    """Two partners doing a together-exercise, each on their own device.

    ``version`` goes up on every change (see ``repair.sessions.touch``), which also tells the room's
    live endpoint that the screens' ETags are out of date (``repair.live``).
    """

    class EndReason(models.TextChoices):
        PARTNER = "partner", "Ended by a partner"
        PAUSE = "pause", "Ended by a pause"
        RED = "red", "Ended by a red light"
        LEFT = "left", "Ended when a partner left or signed out"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="exercise_sessions"
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="sessions"
    )
    # A session is shared history: when one partner deletes their account the session stays
    # (without them), so the other partner's reflection on it is not lost with it.
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Whose answer the current proposal waits for: the invitee, or the inviter after the invitee
    # suggested another time.
    awaiting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PROPOSED
    )
    planned_for = models.DateTimeField(null=True, blank=True)  # None means "now"
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    inviter_ready_at = models.DateTimeField(null=True, blank=True)
    invitee_ready_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["couple"],
                condition=Q(status__in=["proposed", "accepted", "running"]),
                name="open_exercise_sessions",
            ),
            # The prompt tick's reminder query: accepted sessions planned in the next minutes.
            models.Index(
                fields=["planned_for"],
                condition=Q(status="accepted"),
                name="sessions_planned_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.code}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def seconds_since_start(self) -> int:
        """By the server's clock: a phone whose clock is off still shows the right time spent."""
        if self.started_at is None:
            return 0
        return max(0, int((timezone.now() - self.started_at).total_seconds()))

    def is_ready(self, user) -> bool:
        if user.pk == self.inviter_id:
            return self.inviter_ready_at is not None
        return self.invitee_ready_at is not None

    def other_person(self, user):
        return self.invitee if user.pk == self.inviter_id else self.inviter


class Reflection(models.Model):
    """One partner's few words after a session: private unless they share it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        ExerciseSession, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    safety = models.PositiveSmallIntegerField()
    noticed = EncryptedTextField(blank=True)
    written_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="one_reflection_per_session_person"
            ),
            models.CheckConstraint(
                condition=Q(safety__gte=1, safety__lte=5), name="safety_from_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Reflection {self.code}"


# Accountability letter ---------------------------------------------------------------------


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


# Question box ----------------------------------------------------------------------------------


class Question(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField()
    asked_at = models.DateTimeField(default=timezone.now)
    # Only the person who asked decides whether a question is answered for them.
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"Question {self.code}"


class AnswerVersion(models.Model):
    """Answers are never edited in place: a change appends a version the asker can see.

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


# Suggestions from the couple's therapist ---------------------------------------------------------


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


# Testing before sexual exercises -------------------------------------------------------------------


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
