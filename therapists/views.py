"""The therapist's pages, and the partners' answers to a therapist's suggestion.

Every couple page goes through ``_get_care_for_therapist``: the invitation must belong to the signed-in
therapist (404 otherwise) and pass the access rule right now (403 otherwise); each look is logged.
The couple's page comes in three parts (overview, journey and exercises, journal and letter), each
in a fixed number of queries (R32); the printable summary has all three.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples import care
from couples.access import active_membership
from couples.models import AccessEvent, CareTeamInvite
from repair import suggestions

from . import notes as notes_domain
from . import shared
from .dashboard import dashboard_for
from .forms import NoteForm, RegisterForm, SuggestionForm
from .models import TherapistProfile
from .registration import RegistrationError, register_therapist
from .shared import SharedProgress, suggestable_exercises

# Lookups --------------------------------------------------------------------------------------------


def _approved_therapist(request) -> TherapistProfile:
    profile = TherapistProfile.objects.filter(
        user=request.user, approved_at__isnull=False
    ).first()
    if profile is None:
        raise Http404("Not an approved therapist.")
    return profile


class NotSharing(PermissionDenied):
    """The couple isn't sharing with this therapist right now."""


def _calm_refusal(view):
    """Answers a refused look with a plain 403 page that explains, rather than a bare error."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotSharing:
            return render(request, "therapists/not_sharing.html", status=403)

    return wrapper


def _get_care_for_therapist(request, code, *, what: str) -> SharedProgress:
    """The couple behind the therapist's invitation with this code, with what each partner shares,
    if they may see the couple now; logs the look."""
    progress = _care_without_a_look(request, code)
    care.record_access(
        therapist=request.user, couple_ids=[progress.invite.couple_id], what=what
    )
    return progress


def _care_without_a_look(request, code) -> SharedProgress:
    """The same access rule, for a request that shows nothing of the couple (an autosave)."""
    progress = shared.progress_for(therapist=request.user, code=code)
    if progress is None:
        # Refused: only now ask whether the invitation is theirs at all, to answer 403 or 404.
        if CareTeamInvite.objects.filter(
            code=code, therapist_id=request.user.pk
        ).exists():
            raise NotSharing("This couple isn't sharing with you at the moment.")
        raise Http404("No such couple.")
    return progress


# Registering ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def register(request):
    profile = TherapistProfile.objects.filter(user=request.user).first()
    if profile is not None:
        return render(request, "therapists/register.html", {"profile": profile})
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        initial={"name": request.user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            register_therapist(
                user=request.user,
                name=form.cleaned_data["name"],
                practice=form.cleaned_data["practice"],
                registration=form.cleaned_data["registration"],
            )
        except RegistrationError as error:
            messages.info(request, str(error))
        return redirect("therapists:register")
    return render(
        request,
        "therapists/register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# The dashboard ------------------------------------------------------------------------------------


@require_safe
@login_required
def dashboard(request):
    profile = TherapistProfile.objects.filter(user=request.user).first()
    if profile is None or not profile.is_approved:
        return redirect("therapists:register")
    found = dashboard_for(request.user)
    care.record_access(
        therapist=request.user,
        couple_ids=[line.invite.couple_id for line in found.lines],
        what=AccessEvent.What.DASHBOARD,
    )
    return render(
        request,
        "therapists/dashboard.html",
        {
            "profile": profile,
            "lines": found.lines,
            "pending": found.invitations,
        },
    )


def _pending_invite(request, code) -> CareTeamInvite:
    _approved_therapist(request)
    invite = next(
        (
            i
            for i in care.pending_for_therapist(request.user)
            if str(i.code) == str(code)
        ),
        None,
    )
    if invite is None:
        raise Http404("No such invitation.")
    return invite


@require_POST
@login_required
def accept(request, code):
    invite = _pending_invite(request, code)
    care.accept_invite(invite=invite, therapist=request.user)
    messages.success(
        request,
        "You've joined their care team. You'll see what each of them chooses to share, and they can see when you look.",
    )
    return redirect("therapists:couple", code=invite.code)


@require_POST
@login_required
def decline(request, code):
    invite = _pending_invite(request, code)
    care.decline_invite(invite=invite, therapist=request.user)
    messages.success(
        request, "You've declined the invitation. They'll see that it has ended."
    )
    return redirect("therapists:dashboard")


# A couple -----------------------------------------------------------------------------------------


@require_safe
@login_required
@fresh_writing
@_calm_refusal
def couple(request, code):
    progress = _get_care_for_therapist(request, code, what=AccessEvent.What.COUPLE_PAGE)
    return _couple_page(request, progress)


def _couple_page(
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
            **_notes_context(request, invite, note_form),
            "suggestion_form": suggestion_form
            or SuggestionForm(
                exercises=suggestable_exercises(progress), partners=progress.partners
            ),
        },
        status=status,
    )


@require_safe
@login_required
@_calm_refusal
def journey_and_exercises(request, code):
    return _couple_part(
        request, code, shared.add_journey_and_exercises, "journey_and_exercises"
    )


@require_safe
@login_required
@_calm_refusal
def journal_and_letter(request, code):
    return _couple_part(
        request, code, shared.add_journal_and_letter, "journal_and_letter"
    )


def _couple_part(request, code, add_sections, template: str):
    """One of the couple page's other parts: logged as a look at the couple's page."""
    progress = _get_care_for_therapist(request, code, what=AccessEvent.What.COUPLE_PAGE)
    add_sections(progress)
    return render(
        request,
        f"therapists/{template}.html",
        {"invite": progress.invite, "progress": progress},
    )


@require_safe
@login_required
@_calm_refusal
def export(request, code):
    progress = _get_care_for_therapist(request, code, what=AccessEvent.What.EXPORT)
    shared.add_overview(progress)
    shared.add_journey_and_exercises(progress)
    shared.add_journal_and_letter(progress)
    return render(
        request,
        "therapists/export.html",
        {"invite": progress.invite, "progress": progress, "printing": True},
    )


# A note being written autosaves (core.autosave), kept for the therapist alone, until it is saved.


def _note_key(invite) -> str:
    return f"therapist-note:{invite.code}"


def _notes_context(request, invite, form=None) -> dict:
    """The therapist's notes, and the form for a new one with what was kept as it was typed."""
    notes, being_written = notes_domain.notes_and_kept(
        therapist=request.user, couple_id=invite.couple_id, key=_note_key(invite)
    )
    if form is None:
        form = NoteForm(initial={"body": being_written or ""})
        saved = core_autosave.revision([being_written or ""])
    else:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user, _note_key(invite), {"body": form["body"].value()}
        )
    return {"notes": notes, "note_form": form, "note_revision": saved}


@require_POST
@login_required
@vary_on_headers("HX-Request")
@_calm_refusal
def add_note(request, code):
    progress = _get_care_for_therapist(request, code, what=AccessEvent.What.NOTES)
    invite = progress.invite
    form = NoteForm(request.POST)
    if form.is_valid():
        notes_domain.add_note(
            therapist=request.user, couple=invite.couple, body=form.cleaned_data["body"]
        )
        core_autosave.let_go(request.user, _note_key(invite))
        if not request.htmx:
            messages.success(request, "Your note is saved.")
            return redirect("therapists:couple", code=invite.code)
        form = None
    elif not request.htmx:
        return _couple_page(request, progress, note_form=form, status=400)
    context = {
        "invite": invite,
        **_notes_context(request, invite, form),
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
        invite = _care_without_a_look(request, code).invite
    except NotSharing:
        return JsonResponse(
            {
                "problem": "They aren't sharing with you at the moment, so this note can't "
                "be kept here. Please copy it somewhere safe."
            },
            status=403,
        )
    return core_autosave.save_text(
        request, key=_note_key(invite), fields=["body"], shown={"body": ""}
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
@_calm_refusal
def suggest(request, code):
    progress = _get_care_for_therapist(request, code, what=AccessEvent.What.SUGGESTION)
    shared.add_journey(progress)
    invite = progress.invite
    form = SuggestionForm(
        request.POST,
        exercises=suggestable_exercises(progress),
        partners=progress.partners,
    )
    notice = ""
    if form.is_valid():
        suggestions.suggest_exercise(
            couple=invite.couple,
            exercise=form.cleaned_data["exercise"],
            by=request.user,
            for_user=form.for_user(),
            note=form.cleaned_data["note"],
        )
        notice = (
            "Suggested. It's on their Repair page, for them to take up or set aside."
        )
        if not request.htmx:
            messages.success(request, notice)
            return redirect("therapists:couple", code=invite.code)
        form = SuggestionForm(
            exercises=suggestable_exercises(progress), partners=progress.partners
        )
    elif not request.htmx:
        return _couple_page(request, progress, suggestion_form=form, status=400)
    # 422 for htmx, as for notes above.
    return render(
        request,
        "therapists/couple.html#suggest",
        {"invite": invite, "suggestion_form": form, "notice": notice},
        status=422 if form.errors else 200,
    )


# The partners' answers to a suggestion --------------------------------------------------------------


def _get_suggestion_for_member(request, code):
    membership = active_membership(request.user)
    suggestion = suggestions.suggestion_for(membership, code) if membership else None
    if suggestion is None:
        raise Http404("No such suggestion.")
    return suggestion


@require_POST
@login_required
def take_up(request, code):
    suggestion = _get_suggestion_for_member(request, code)
    suggestions.take_up(suggestion=suggestion)
    return redirect("repair:exercise", code=suggestion.exercise.code)


@require_POST
@login_required
def set_aside(request, code):
    suggestion = _get_suggestion_for_member(request, code)
    suggestions.set_aside(suggestion=suggestion)
    messages.success(request, "Set aside. You can always find it in the library later.")
    return redirect("repair:index")
