"""The private safety check and quiet mode: the person's own pages, and nobody else's.

Every view here reads only the signed-in person's own row, through their own membership. There is
no URL with anyone's code in it, so there is nothing of another person's to ask for.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from . import safety_check
from .access import request_membership
from .forms import SafetyCheckForm
from .models import Membership


def _require_membership(request) -> Membership:
    membership = request_membership(request)
    if membership is None:
        raise Http404("Not in a couple.")
    return membership


@require_http_methods(["GET", "POST"])
@login_required
def check(request):
    membership = _require_membership(request)
    questions = safety_check.questions_for(membership)
    if request.method == "POST":
        form = SafetyCheckForm(request.POST, questions=questions)
        if form.is_valid():
            safety_check.save_answers(membership=membership, answers=form.cleaned_data)
            return redirect("safety_check:result")
    else:
        form = SafetyCheckForm(
            initial=safety_check.answers_of(membership), questions=questions
        )
    return render(
        request,
        "couples/safety_check.html",
        {
            "form": form,
            "membership": membership,
            "quiet": safety_check.quiet_pause(membership) is not None,
        },
        status=400 if form.errors else 200,
    )


@require_safe
@login_required
def result(request):
    membership = _require_membership(request)
    answers = safety_check.answers_of(membership)
    if not answers:
        return redirect("safety_check:check")
    worries = set(safety_check.worries(membership, answers))
    return render(
        request,
        "couples/safety_check_result.html",
        {
            "membership": membership,
            "worried": bool(worries),
            "about_partner": bool(worries - {"ended"}),
            "contact_goes_on": "ended" in worries,
            "quiet": safety_check.quiet_pause(membership) is not None,
        },
    )


@require_POST
@login_required
def not_now(request):
    membership = _require_membership(request)
    safety_check.set_aside(membership=membership)
    messages.success(
        request,
        "That's fine. These questions are on the Safety page whenever you want.",
    )
    return redirect("home")


@require_POST
@login_required
def quiet_on(request):
    membership = _require_membership(request)
    safety_check.turn_on_quiet_mode(membership=membership)
    messages.success(request, "Quiet mode is on. Only you can turn it off.")
    return redirect("safety_check:result")


@require_POST
@login_required
def quiet_off(request):
    membership = _require_membership(request)
    if safety_check.turn_off_quiet_mode(membership=membership):
        messages.success(
            request, "Quiet mode is off. You can turn it on again at any time."
        )
    return redirect("home")
