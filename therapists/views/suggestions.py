"""A therapist suggesting an exercise, and the partners' answers to a suggestion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_POST,
)
from django.views.decorators.vary import vary_on_headers

from couples.access import active_membership
from couples.models import AccessEvent
from repair import suggestions
from therapists import shared
from therapists.forms import SuggestionForm
from therapists.shared import suggestable_exercises

from ._access import calm_refusal, get_care_for_therapist
from .couple import couple_page


@require_POST
@login_required
@vary_on_headers("HX-Request")
@calm_refusal
def suggest(request, code):
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.SUGGESTION)
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
        return couple_page(request, progress, suggestion_form=form, status=400)
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
