"""The couple's measure cadence: a partner sets it for both, or answers their therapist's suggestion
of one, and the hurt partner sets the pace (measures.cadence.may_choose). Found through the
person's own membership (couples.access): another couple's suggestion is not found."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from couples.access import partner_membership, request_membership

from . import cadence
from .forms import pace_refusal
from .models import Cadence
from .views import cadence_form_for, index_page


def _membership(request):
    membership = request_membership(request)
    if membership is None:
        raise Http404("No couple to set this for.")
    return membership


@require_POST
@login_required
def set_cadence(request):
    membership = _membership(request)
    current = cadence.cadence_of(membership.couple_id)
    form = cadence_form_for(
        membership, partner_membership(membership), current, request.POST
    )
    if not form.is_valid():
        return index_page(request, cadence_form=form, status=400)
    weeks = form.cleaned_data["weeks"]
    try:
        cadence.set_cadence(couple=membership.couple, weeks=weeks, by=membership)
    except cadence.NotTheirPace:  # changed a moment ago, in between: ask again
        form.add_error("weeks", pace_refusal(form.hurt_name, weeks))
        return index_page(request, cadence_form=form, status=400)
    messages.success(request, _saved(weeks))
    return redirect("measures:index")


def _saved(weeks: int) -> str:
    if weeks == Cadence.OFF:
        return "Saved. No invitations: your measures are here whenever either of you likes."
    return (
        f"Saved. {Cadence(weeks).label}, you'll each get one quiet invitation."
        " Answering stays up to each of you."
    )


def _suggestion(request, code):
    membership = _membership(request)
    suggestion = cadence.suggestion_for(membership, code)
    if suggestion is None:
        raise Http404("No such suggestion.")
    return suggestion, membership


@require_POST
@login_required
def accept_suggestion(request, code):
    suggestion, membership = _suggestion(request, code)
    try:
        cadence.answer(suggestion=suggestion, accepted=True, by=membership)
    except (
        cadence.NotTheirPace
    ):  # it stays open for the hurt partner; the card says so too
        messages.info(
            request,
            "This one would invite you both more often, so it's your partner's to take up."
            " You can still say no, thank you.",
        )
        return redirect("measures:index")
    messages.success(request, _saved(suggestion.weeks))
    return redirect("measures:index")


@require_POST
@login_required
def decline_suggestion(request, code):
    suggestion, membership = _suggestion(request, code)
    cadence.answer(suggestion=suggestion, accepted=False, by=membership)
    messages.success(
        request, "Declined. Your cadence stays as it was, and that's fine to say."
    )
    return redirect("measures:index")
