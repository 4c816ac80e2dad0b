"""The testing step before the sexual exercises: asking, withdrawing, and each person's "done"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from couples.access import partner_membership
from repair import testing

from ._lookups import (
    require_membership,
)


@require_safe
@login_required
def testing_page(request):
    membership = require_membership(request)
    return render(
        request,
        "repair/testing.html",
        {
            "membership": membership,
            "partner": partner_membership(membership),
            "status": testing.status_for(membership),
        },
    )


def _testing_step(request, step, success: str, **kwargs):
    membership = require_membership(request)
    try:
        step(membership=membership, **kwargs)
    except testing.TestingError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, success)
    return redirect("repair:testing")


@require_POST
@login_required
def testing_ask(request):
    return _testing_step(
        request,
        testing.ask,
        "Testing is asked for. Sexual exercises wait until you've both said it's done.",
    )


@require_POST
@login_required
def testing_withdraw(request):
    return _testing_step(
        request, testing.withdraw, "You've taken the request for testing back."
    )


@require_POST
@login_required
def testing_done(request):
    done = request.POST.get("done") != "no"
    membership = require_membership(request)
    try:
        testing.mark_done(membership=membership, done=done)
    except testing.TestingError as error:
        # Taken back meanwhile: the page shows how things are now.
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            "Thank you. Your partner now sees “done”, and nothing more."
            if done
            else "You've taken your “done” back.",
        )
    return redirect("repair:testing")
