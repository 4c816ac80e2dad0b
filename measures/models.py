"""The measures registry, each person's sealed answers, and the flags a risky answer raises.

Answers and scores are sealed (EncryptedTextField): only the person reads them, and the therapist
only when that person shares the "measures" category. The partner never sees either, unless the
person shares one measure's trend with them (TrendShare).
"""

import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import CareTeamInvite, Couple, Membership

from . import scoring as scoring_rules


class LicenceKind(models.TextChoices):
    PUBLIC_DOMAIN = "public_domain", "Public domain"
    FREE_WITH_NOTICE = "free_with_notice", "Free to use, with the authors' notice"
    FREE_CLINICAL = "free_clinical", "Free for clinical use"
    FREE = "free", "Free to use"
    LOCAL = "local", "Licensed to this install only"


class Instrument(models.Model):
    """One measure, as published: items, answers, scoring rule, cut-off, reliability, licence.

    Staff edit these in the admin. One they add there (with a licence of their own) is marked
    local-only: it is never part of Mend's shipped content, and exports say so.
    """

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=100)
    about = models.TextField(blank=True)
    about_involved = models.TextField(
        blank=True,
        help_text="What the list says about it to the partner who broke trust, when the "
        "hurt partner's words (above) would be wrong for them.",
    )
    before = models.TextField(blank=True, help_text="Shown above the instructions.")
    instructions = models.TextField()
    # [{"text": "...", "choices": [[value, "label"], ...]}, ...], in the published order.
    items = models.JSONField()
    scoring = models.CharField(
        max_length=20,
        choices=[("sum", "Sum of items"), ("sum_times_4", "Sum × 4 (percentage)")],
        default="sum",
    )
    min_total = models.FloatField(default=0)
    max_total = models.FloatField()
    higher_is = models.CharField(
        max_length=10,
        choices=[
            ("harder", "A higher score is harder"),
            ("easier", "A higher score is easier"),
        ],
        default="harder",
    )
    cutoff = models.FloatField(null=True, blank=True)
    cutoff_upper = models.FloatField(
        null=True, blank=True, help_text="For a published range."
    )
    cutoff_words = models.TextField(blank=True)
    ranges = models.JSONField(
        default=list, blank=True, help_text='[[from, "label"], ...]'
    )
    reliability = models.FloatField(null=True, blank=True)
    reliability_source = models.TextField(blank=True)
    sd = models.FloatField("reference SD", null=True, blank=True)
    reliable_change = models.FloatField(null=True, blank=True)
    reliable_change_source = models.TextField(blank=True)
    missing_allowed = models.PositiveSmallIntegerField(default=0)
    missing_rule = models.TextField(blank=True)
    risk_items = models.JSONField(
        default=list, blank=True, help_text="[[item number, lowest risky answer], ...]"
    )
    risk_total = models.FloatField(null=True, blank=True)
    risk_note = models.TextField(blank=True)
    licence = models.TextField()
    licence_kind = models.CharField(max_length=20, choices=LicenceKind.choices)
    source_url = models.URLField(blank=True)
    licence_url = models.URLField(blank=True)
    licence_checked = models.CharField(max_length=20, blank=True)
    licence_note = models.TextField(blank=True)
    notice = models.TextField(blank=True)
    local_only = models.BooleanField(default=False)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def rules(self) -> scoring_rules.Rules:
        return scoring_rules.Rules.of(self)

    @property
    def trend_rules(self) -> scoring_rules.Rules:
        """The rules a trend needs, read without the items: a page listing many responses loads
        only these fields of their instrument (see TREND_FIELDS)."""
        return scoring_rules.Rules(
            item_count=0,
            scoring=self.scoring,
            cutoff=self.cutoff,
            higher_is=self.higher_is,
            reliable_change=self.reliable_change,
            reliability=self.reliability,
            sd=self.sd,
        )

    @property
    def reliable_change_threshold(self) -> float | None:
        return scoring_rules.reliable_change_threshold(self.trend_rules)

    @property
    def cutoff_label(self) -> str:
        if self.cutoff is None:
            return ""
        if self.cutoff_upper is not None:
            return f"{self.cutoff:g}–{self.cutoff_upper:g}"
        return f"{self.cutoff:g}"


# What a trend and its page show of an instrument: everything but the items and ranges.
TREND_FIELDS = (
    "slug", "short_name", "order", "scoring", "higher_is", "cutoff", "cutoff_upper",
    "cutoff_words", "reliable_change", "reliability", "sd", "notice", "source_url",
)  # fmt: skip


class ResponseQuerySet(models.QuerySet):
    def by(self, user):
        return self.filter(person=user)

    def open_flags(self):
        return self.filter(flagged_at__isnull=False, flag_acknowledged_at__isnull=True)


class Response(models.Model):
    """One time a person completed a measure. What they answered and scored is sealed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="measure_responses",
    )
    # The couple they were in when they answered: a therapist sees only this couple's answers.
    couple = models.ForeignKey(
        Couple, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(default=timezone.now)
    answers = EncryptedTextField()  # JSON list, one answer (or null) per item
    result = EncryptedTextField()  # JSON {"total": ..., "risky": ...}
    # A risky answer raises a flag for a therapist the person shares "measures" with. It says only
    # that a measure needs a look, never what was answered; it is never emailed.
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_acknowledged_at = models.DateTimeField(null=True, blank=True)
    flag_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["person", "instrument", "taken_at"], name="response_by_person"
            ),
            models.Index(
                fields=["couple", "taken_at"],
                condition=Q(
                    flagged_at__isnull=False, flag_acknowledged_at__isnull=True
                ),
                name="response_open_flag",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.code}"

    @property
    def total(self) -> float:
        return json.loads(self.result)["total"]

    @property
    def risky(self) -> bool:
        return json.loads(self.result)["risky"]

    @property
    def answer_list(self) -> list[int | None]:
        return json.loads(self.answers)


class TrendShare(models.Model):
    """A person lets their partner see the trend of one measure (totals only, never answers)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "couple", "instrument"], name="one_trend_share"
            )
        ]

    def __str__(self) -> str:
        return f"Trend share {self.pk}"


class Cadence(models.IntegerChoices):
    """How often a gentle prompt invites both partners to their measures: weeks between."""

    OFF = 0, "No invitations"
    WEEKLY = 1, "Every week"
    FORTNIGHTLY = 2, "Every two weeks"
    FOUR_WEEKLY = 4, "Every four weeks"


class MeasureCadence(models.Model):
    """The couple's choice of how often a prompt invites each of them to their measures.

    Set for both, at the hurt partner's pace (measures.cadence.may_choose); it only invites
    (answering stays optional and private).
    """

    couple = models.OneToOneField(
        Couple, on_delete=models.CASCADE, related_name="measure_cadence"
    )
    weeks = models.PositiveSmallIntegerField(
        choices=Cadence.choices, default=Cadence.OFF
    )
    # Who chose it: a partner's membership of the couple.
    set_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    set_at = models.DateTimeField(default=timezone.now)
    # Set when the couple took up their therapist's suggestion.
    from_suggestion = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Measure cadence {self.pk}"


class SuggestionAnswer(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REPLACED = "replaced", "Replaced by a later suggestion"


class CadenceSuggestion(models.Model):
    """A therapist (with the "measures" share) suggests a cadence; either partner accepts or declines."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    # The care-team invitation it came through: the therapist is the invitation's.
    invite = models.ForeignKey(
        CareTeamInvite,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    therapist_name = models.CharField(max_length=150)
    weeks = models.PositiveSmallIntegerField(choices=Cadence.choices)
    suggested_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(
        max_length=8, choices=SuggestionAnswer.choices, default=SuggestionAnswer.OPEN
    )
    answered_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-suggested_at", "-pk"]
        indexes = [
            models.Index(fields=["couple", "suggested_at"], name="cadence_suggestions")
        ]

    def __str__(self) -> str:
        return f"Cadence suggestion {self.code}"
