"""The lookups every journal view uses: a person reaches only their own entries, and the entries
their partner shares with them now."""

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from couples.access import request_membership
from journal.models import Draft, Entry


def get_entry_for_author(request, code) -> Entry:
    """One of the person's own entries; anyone else's is a 404, shared or not."""
    return get_object_or_404(
        Entry.objects.written_by(request.user).prefetch_related("tags"), code=code
    )


def get_shared_entry_for_partner(request, code):
    """An entry the person's partner shares with them now, with the person's membership."""
    membership = request_membership(request)
    if membership is None:
        raise Http404("No such entry.")
    entry = get_object_or_404(
        Entry.objects.shared_with(request.user)
        .select_related("author")
        .prefetch_related("tags"),
        code=code,
    )
    return entry, membership


def get_draft_for_author(request, code) -> Draft:
    return get_object_or_404(
        Draft.objects.filter(author=request.user).select_related("entry"), code=code
    )


def render_part(request, template: str, partial: str, context: dict, status: int = 200):
    if request.htmx:
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)


def uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
