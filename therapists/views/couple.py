"""A couple's page for their therapist, in three parts (overview, journey and exercises, journal
and letter), each in a fixed number of queries (R32); the printable summary has all three."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import (
    require_safe,
)

from core import autosave as core_autosave
from core.autosave import fresh_writing
from couples.models import AccessEvent
from therapists import notes as notes_domain
from therapists import shared
from therapists.forms import NoteForm, SuggestionForm
from therapists.shared import SharedProgress, suggestable_exercises

from ._access import calm_refusal, get_care_for_therapist


@require_safe
@login_required
@fresh_writing
@calm_refusal
def couple(request, code):
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.OVERVIEW)
    return couple_page(request, progress)


def couple_page(
    request,
    progress: SharedProgress,
    *,
    note_form=None,
    suggestion_form=None,
    status=200,
):
    """The whole couple page; a form sent without htmx that needs another look comes back in it,
    with its errors and what was typed."""
    shared.add_overview(progress)
    invite = progress.invite
    return render(
        request,
        "therapists/couple.html",
        {
            "invite": invite,
            "progress": progress,
            **notes_context(request, invite, note_form),
            "suggestion_form": suggestion_form
            or SuggestionForm(
                exercises=suggestable_exercises(progress), partners=progress.partners
            ),
        },
        status=status,
    )


@require_safe
@login_required
@calm_refusal
def journey_and_exercises(request, code):
    return _couple_part(
        request,
        code,
        shared.add_journey_and_exercises,
        "journey_and_exercises",
        what=AccessEvent.What.JOURNEY,
    )


@require_safe
@login_required
@calm_refusal
def journal_and_letter(request, code):
    return _couple_part(
        request,
        code,
        shared.add_journal_and_letter,
        "journal_and_letter",
        what=AccessEvent.What.JOURNAL_AND_LETTER,
    )


def _couple_part(request, code, add_sections, template: str, *, what: str):
    """One of the couple page's other parts, logged as a look at that part."""
    progress = get_care_for_therapist(request, code, what=what)
    add_sections(progress)
    return render(
        request,
        f"therapists/{template}.html",
        {"invite": progress.invite, "progress": progress},
    )


@require_safe
@login_required
@calm_refusal
def export(request, code):
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.EXPORT)
    shared.add_overview(progress)
    shared.add_journey_and_exercises(progress)
    shared.add_journal_and_letter(progress)
    return render(
        request,
        "therapists/export.html",
        {"invite": progress.invite, "progress": progress, "printing": True},
    )


def note_key(invite) -> str:
    return f"therapist-note:{invite.code}"


def notes_context(request, invite, form=None) -> dict:
    """The therapist's notes, and the form for a new one with what was kept as it was typed."""
    notes, being_written = notes_domain.notes_and_kept(
        therapist=request.user, couple_id=invite.couple_id, key=note_key(invite)
    )
    if form is None:
        form = NoteForm(initial={"body": being_written or ""})
        saved = core_autosave.revision([being_written or ""])
    else:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user, note_key(invite), {"body": form["body"].value()}
        )
    return {"notes": notes, "note_form": form, "note_revision": saved}
