"""A therapist's private notes about a couple: only the therapist who wrote them can read them."""

import json

from django.db import transaction
from django.db.models import Value

from core.models import AutosavedText

from .models import TherapistNote

LIMIT = 100


def notes_and_kept(
    *, therapist, couple_id: int, key: str
) -> tuple[list[TherapistNote], str | None]:
    """The notes, newest first, and the note being written as it was last kept
    (core.autosave), or None: in one query, so the couple's page stays within its budget (R32).

    Both are sealed at rest, each bound to its own row; each is opened as the row it is."""
    kept = (
        AutosavedText.objects.filter(owner_id=therapist.pk, key=key)
        .annotate(kind=Value(0))
        .values_list("kind", "code", "text", "updated_at")
    )
    notes = (
        TherapistNote.objects.filter(therapist_id=therapist.pk, couple_id=couple_id)
        .annotate(kind=Value(1))
        .values_list("kind", "code", "body", "written_at")
        .order_by()  # the union is ordered as a whole
    )
    rows = kept.union(notes, all=True).order_by("kind", "-updated_at")[: LIMIT + 1]
    being_written = None
    written = []
    for kind, code, sealed, at in rows:
        if kind == 0:
            text = AutosavedText(code=code, text=sealed).text
            being_written = json.loads(text or "{}").get("body", "")
        else:
            written.append(TherapistNote(code=code, body=sealed, written_at=at))
    return written, being_written


@transaction.atomic
def add_note(*, therapist, couple, body: str) -> TherapistNote:
    return TherapistNote.objects.create(therapist=therapist, couple=couple, body=body)
