"""The Repair page, its history, and the steps of the journey (moving on, stepping back)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from couples.access import partner_membership, request_membership
from repair import journey, own_writing, suggestions
from repair.models import ExerciseSession, JourneyEvent
from repair.overview import overview_for

from ._lookups import (
    require_membership,
)

# The Repair page and history -------------------------------------------------------------------


@require_safe
@login_required
def index(request):
    membership = request_membership(request)
    if membership is None:
        return render(
            request, "repair/no_couple.html", own_writing.own_writing(request.user)
        )
    partner = partner_membership(membership)
    members = [membership, partner] if partner else [membership]
    overview = overview_for(membership=membership, memberships=members)
    context = {
        "membership": membership,
        "partner": partner,
        "overview": overview,
        "open_sessions": list(
            ExerciseSession.objects.open()
            .filter(couple_id=membership.couple_id)
            .select_related("exercise")
            .order_by("created_at")
        ),
        "suggestions": suggestions.open_suggestions_among(
            membership, overview.available
        ),
    }
    return render(request, "repair/index.html", context)


@require_safe
@login_required
def history(request):
    membership = require_membership(request)
    events = (
        JourneyEvent.objects.filter(couple_id=membership.couple_id)
        .select_related("phase", "by")
        .order_by("-at", "-pk")
    )
    return render(
        request, "repair/history.html", {"membership": membership, "events": events}
    )


def _journey_step(request, step, success: str | None = None, **kwargs):
    membership = require_membership(request)
    if "code" in kwargs and not journey.proposal_exists(
        couple_id=membership.couple_id, code=kwargs["code"]
    ):
        raise Http404("No such suggestion.")  # another couple's, or made up
    try:
        step(membership=membership, **kwargs)
    except journey.JourneyError as error:
        messages.info(request, str(error))
    else:
        if success:
            messages.success(request, success)
    return redirect("repair:index")


@require_POST
@login_required
def propose_advance(request):
    return _journey_step(
        request, journey.propose_advance, from_phase=request.POST.get("from_phase")
    )


@require_POST
@login_required
def confirm_advance(request, code):
    return _journey_step(
        request,
        journey.confirm_advance,
        "You've moved on together. You can step back at any time.",
        code=code,
    )


@require_POST
@login_required
def decline_advance(request, code):
    return _journey_step(
        request,
        journey.decline_advance,
        "You're staying here for now. There's no hurry.",
        code=code,
    )


@require_POST
@login_required
def withdraw_advance(request, code):
    return _journey_step(request, journey.withdraw_advance, code=code)


@require_POST
@login_required
def step_back(request):
    return _journey_step(
        request,
        journey.step_back,
        "You've stepped back a phase. Going back is part of the work, not a setback.",
        from_phase=request.POST.get("from_phase"),
    )
