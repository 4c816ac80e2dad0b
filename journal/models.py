import json
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.fields import EncryptedTextField
from couples.models import Couple, Membership

from .responses import RESPONSE_NOTES, ResponseTag

# Long enough for a year's worth of pouring it out in one sitting; short enough to bound a request.
MAX_BODY_CHARS = 120_000
MAX_FEELINGS_CHARS = 500
MAX_MESSAGE_CHARS = 600


class Mood(models.TextChoices):
    STEADY = "steady", "Steady"
    HOPEFUL = "hopeful", "Hopeful"
    TENDER = "tender", "Tender"
    TIRED = "tired", "Tired"
    SAD = "sad", "Sad"
    ANXIOUS = "anxious", "Anxious"
    ANGRY = "angry", "Angry"
    NUMB = "numb", "Numb"
    OVERWHELMED = "overwhelmed", "Overwhelmed"
    MIXED = "mixed", "Mixed, or hard to say"


def _active_member(couple_field: str, user_field: str) -> Exists:
    return Exists(
        Membership.objects.active().filter(
            couple_id=OuterRef(couple_field), user_id=OuterRef(user_field)
        )
    )


class EntryQuerySet(models.QuerySet):
    def written_by(self, user):
        return self.filter(author=user)

    def shared_with(self, user):
        """Entries shared with this person by their partner, in the couple they are both in now.

        Visibility is worked out on every request from the current memberships, so unsharing, or
        either partner leaving the couple, hides an entry from the next request on.
        """
        return (
            self.filter(
                shared_with_partner_at__isnull=False,
                shared_in__ended_at__isnull=True,
            )
            .exclude(author=user)
            .filter(
                Exists(
                    Membership.objects.active().filter(
                        couple_id=OuterRef("shared_in_id"), user_id=user.pk
                    )
                ),
                _active_member("shared_in_id", "author_id"),
            )
        )


class Entry(models.Model):
    """A journal entry. Only its author sees it, unless they share it."""

    # On a new entry the code is minted when the form first opens and doubles as the draft's code,
    # so a double-submitted or retried "Save" finds the entry it already made.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    written_on = models.DateField()
    body = EncryptedTextField()
    feelings = EncryptedTextField(blank=True)
    mood = models.CharField(max_length=20, choices=Mood.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The couple the entry was shared in: a later couple never inherits an old share.
    shared_in = models.ForeignKey(
        Couple,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_with_partner_at = models.DateTimeField(null=True, blank=True)
    shared_with_therapist_at = models.DateTimeField(null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        indexes = [
            models.Index(
                fields=["author", "-written_on", "-created_at"], name="entry_by_author"
            ),
            models.Index(
                fields=["shared_in"],
                condition=Q(shared_with_partner_at__isnull=False),
                name="entry_shared_with_partner",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_in__isnull=False)
                | Q(
                    shared_with_partner_at__isnull=True,
                    shared_with_therapist_at__isnull=True,
                ),
                name="entry_shared_only_within_a_couple",
            )
        ]

    def __str__(self) -> str:
        return f"Entry {self.code}"

    @property
    def tag_codes(self) -> list[str]:
        return [tag.tag for tag in self.tags.all()]

    @property
    def is_shared_with_partner(self) -> bool:
        return self.shared_with_partner_at is not None

    @property
    def is_shared_with_therapist(self) -> bool:
        return self.shared_with_therapist_at is not None


class EntryTag(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(max_length=20, choices=ResponseTag.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "tag"], name="one_tag_per_entry"),
            models.CheckConstraint(
                condition=Q(tag__in=ResponseTag.values), name="entry_tag_known"
            ),
        ]
        indexes = [models.Index(fields=["tag", "entry"], name="entry_tag_lookup")]

    def __str__(self) -> str:
        return self.tag

    @property
    def label(self) -> str:
        return ResponseTag(self.tag).label

    @property
    def note(self) -> str:
        return RESPONSE_NOTES[self.tag]


class Draft(models.Model):
    """Unsaved writing, kept on the server as it is typed: for a new entry, or changes to one."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_drafts",
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    written_on = models.DateField(null=True, blank=True)
    body = EncryptedTextField(blank=True)
    feelings = EncryptedTextField(blank=True)
    mood = models.CharField(max_length=20, choices=Mood.choices, blank=True)
    tags = models.JSONField(default=list, blank=True)
    # Each save bumps the revision; a save based on an older one came from another window.
    revision = models.PositiveIntegerField(default=1)
    last_window = models.UUIDField(null=True, blank=True)
    is_conflict_copy = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["author", "-updated_at"], name="draft_by_author")
        ]

    def __str__(self) -> str:
        return f"Draft {self.code}"


class Acknowledgement(models.Model):
    """A partner's guided response to a shared entry: one per partner per entry, editable.

    It is the partner's own writing: when the entry's author deletes the entry or their account,
    the acknowledgement stays with its writer and ``entry`` becomes empty.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entry = models.ForeignKey(
        Entry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acknowledgements",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_acknowledgements",
    )
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    what_i_hear = EncryptedTextField()
    makes_sense = EncryptedTextField()
    message = EncryptedTextField(blank=True)
    # What it said before each change, newest first, as JSON: a change is shown as one, and what
    # was read before is never silently replaced. Sealed like the parts themselves.
    earlier = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    PARTS = ("what_i_hear", "makes_sense", "message")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "author"], name="one_acknowledgement_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"Acknowledgement {self.code}"

    def earlier_versions(self) -> list[dict]:
        """Each earlier version's parts and when it was written, newest first."""
        versions = json.loads(self.earlier) if self.earlier else []
        for version in versions:
            version["written_at"] = datetime.fromisoformat(version["written_at"])
        return versions

    def keep_current_as_earlier(self) -> None:
        """Files what it says now under its earlier versions, before it is rewritten."""
        current = {name: getattr(self, name) for name in self.PARTS}
        current["written_at"] = self.updated_at.isoformat()
        versions = json.loads(self.earlier) if self.earlier else []
        self.earlier = json.dumps([current, *versions])
