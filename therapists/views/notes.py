"""The therapist's private notes on a couple, autosaved while written."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_POST,
)
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves
from couples.models import AccessEvent
from therapists import notes as notes_domain
from therapists.forms import NoteForm

from ._access import (
    NotSharing,
    calm_refusal,
    care_without_a_look,
    get_care_for_therapist,
)
from .couple import couple_page, note_key, notes_context

# A note being written autosaves (core.autosave), kept for the therapist alone, until it is saved.


@require_POST
@login_required
@vary_on_headers("HX-Request")
@calm_refusal
def add_note(request, code):
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.NOTES)
    invite = progress.invite
    form = NoteForm(request.POST)
    if form.is_valid():
        notes_domain.add_note(
            therapist=request.user, couple=invite.couple, body=form.cleaned_data["body"]
        )
        core_autosave.let_go(request.user, note_key(invite))
        if not request.htmx:
            messages.success(request, "Your note is saved.")
            return redirect("therapists:couple", code=invite.code)
        form = None
    elif not request.htmx:
        return couple_page(request, progress, note_form=form, status=400)
    context = {
        "invite": invite,
        **notes_context(request, invite, form),
    }
    # 422 for htmx: it swaps the form and its errors into place (templates/base.html), where
    # under DEBUG django-htmx's error overlay would take a 400 over the whole page.
    return render(
        request,
        "therapists/couple.html#notes",
        context,
        status=422 if form and form.errors else 200,
    )


@autosaves
@require_POST
@login_required
def note_draft(request, code):
    """Writing nothing of the couple's to the page, an autosave is not a look: not logged."""
    try:
        invite = care_without_a_look(request, code).invite
    except NotSharing:
        return JsonResponse(
            {
                "problem": "They aren't sharing with you at the moment, so this note can't "
                "be kept here. Please copy it somewhere safe."
            },
            status=403,
        )
    return core_autosave.save_text(
        request, key=note_key(invite), fields=["body"], shown={"body": ""}
    )
