"""Writing, changing, finding and deleting a person's own journal entries."""

import html as html_module
import re
import threading
import uuid
import zoneinfo
from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace

import markdown
import nh3
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from core import crypto
from core.fields import associated_data

from .models import Draft, Entry, EntryTag

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "a",
}


def today_for(user) -> date:
    try:
        zone = zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


# Building a Markdown converter costs more than converting a short text, so each thread keeps one of
# each kind and resets it between texts (Markdown.reset(), the library's documented way to reuse one).
_converters = threading.local()


def _convert(text: str, kind: str, extensions: list[str]) -> str:
    converter = getattr(_converters, kind, None)
    if converter is None:
        converter = markdown.Markdown(extensions=extensions)
        setattr(_converters, kind, converter)
    return converter.reset().convert(text)


def render_body(text: str) -> str:
    """Markdown-light to HTML that is safe to show: no raw HTML, scripts, images or styles."""
    html = _convert(text, "body", ["nl2br", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# A list shows the opening of each entry as plain text. A full Markdown pass per entry was a fifth of
# the list's time, so the excerpt only drops the marks people type (links keep their words).
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}|>+|[-*+]|\d+[.)])[ \t]+", re.MULTILINE)
_EMPHASIS = str.maketrans("", "", "*`~")
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")


def plain_excerpt(text: str, *, length: int = 220) -> str:
    # Only the opening is read, so a long entry costs no more than a short one.
    opening = _LINK.sub(r"\1", text[: length * 3])
    opening = _LINE_MARK.sub("", opening).translate(_EMPHASIS)
    if "_" in opening:
        opening = _UNDERSCORES.sub("", opening)
    plain = " ".join(nh3.clean(opening, tags=set()).split())
    plain = html_module.unescape(plain)
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "…"


def _set_tags(entry: Entry, tags: list[str]) -> None:
    wanted = set(tags)
    current = set(entry.tags.values_list("tag", flat=True))
    if current - wanted:
        entry.tags.filter(tag__in=current - wanted).delete()
    EntryTag.objects.bulk_create(
        [EntryTag(entry=entry, tag=tag) for tag in sorted(wanted - current)]
    )


@transaction.atomic
def create_entry(
    *,
    author,
    code: uuid.UUID,
    written_on: date,
    body: str,
    feelings: str = "",
    mood: str = "",
    tags: list[str] | None = None,
) -> Entry:
    """Saves a new entry and lets go of its draft.

    ``code`` is the key the form was opened with. Saving the same key twice (a double click, a
    retried request) returns the entry already made instead of a second copy.
    """
    existing = Entry.objects.filter(code=code).first()
    if existing is not None:
        if existing.author_id == author.pk and existing.body == body:
            return existing
        code = uuid.uuid4()  # an old form reopened from history: this is new writing
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                code=code,
                author=author,
                written_on=written_on,
                body=body,
                feelings=feelings,
                mood=mood,
            )
    except (
        IntegrityError
    ):  # the same key saved at the same instant from a second request
        return Entry.objects.get(code=code, author=author)
    _set_tags(entry, tags or [])
    Draft.objects.filter(author=author, code=code, entry__isnull=True).delete()
    return entry


@transaction.atomic
def update_entry(
    *,
    entry: Entry,
    written_on: date,
    body: str,
    feelings: str = "",
    mood: str = "",
    tags: list[str] | None = None,
    draft_code: uuid.UUID | None = None,
) -> Entry:
    entry.written_on = written_on
    entry.body = body
    entry.feelings = feelings
    entry.mood = mood
    entry.updated_at = timezone.now()
    entry.save(update_fields=["written_on", "body", "feelings", "mood", "updated_at"])
    _set_tags(entry, tags or [])
    if draft_code is not None:
        entry.drafts.filter(code=draft_code).delete()
    return entry


@transaction.atomic
def delete_entry(*, entry: Entry) -> None:
    """Deletes the entry for good, with its tags, drafts and shares. A partner's acknowledgement
    is their own writing and stays with them (its ``entry`` becomes empty)."""
    entry.delete()


def entries_for(author) -> QuerySet[Entry]:
    return (
        Entry.objects.written_by(author)
        .prefetch_related("tags")
        .order_by("-written_on", "-created_at")
    )


def find_entries(
    *,
    author,
    text: str = "",
    tag: str = "",
    mood: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> "QuerySet[Entry] | SearchResults":
    """The author's entries matching every filter given, newest first.

    Tags, mood and dates filter in the database. The text is sealed there, so a text search reads
    the candidate rows' sealed text in one query and opens it here (no query per row); the
    matching rows are then loaded a page at a time.
    """
    entries = entries_for(author)
    if tag:
        entries = entries.filter(
            Exists(EntryTag.objects.filter(entry_id=OuterRef("pk"), tag=tag))
        )
    if mood:
        entries = entries.filter(mood=mood)
    if date_from:
        entries = entries.filter(written_on__gte=date_from)
    if date_to:
        entries = entries.filter(written_on__lte=date_to)
    needle = text.strip().casefold()
    if not needle:
        return entries
    matches = [
        pk
        for pk, code, body, feelings in entries.values_list(
            "pk", "code", "body", "feelings"
        )
        if needle in _open(body, "body", code).casefold()
        or needle in _open(feelings, "feelings", code).casefold()
    ]
    return SearchResults(entries, matches)


class SearchResults(Sequence):
    """Matching entries, in order, loaded a page at a time: no COUNT query, no query per row."""

    def __init__(self, entries: QuerySet[Entry], ids: list[int]):
        self.entries = entries
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        if not wanted:
            return []
        found = {entry.pk: entry for entry in self.entries.filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]


def _open(sealed: str, field_name: str, code) -> str:
    # Opening straight from the row's values skips building a model per row: the search is
    # then mostly decryption, about 10 µs a field.
    if not sealed:
        return ""
    row = SimpleNamespace(_meta=Entry._meta, code=code)
    return crypto.open_sealed(
        sealed,
        associated_data=associated_data(row, Entry._meta.get_field(field_name)),
    )


def page_of_entries(
    entries: "QuerySet[Entry] | SearchResults", number, *, per_page: int = 20
) -> Page:
    return Paginator(entries, per_page).get_page(number)
