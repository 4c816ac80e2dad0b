"""Settings, the person's own data, and safety."""

import json

from allauth.core.internal import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts import staff_changes

from . import ownership
from . import safety as safety_actions
from .forms import DeleteAccountForm, SafetyResetForm


@require_safe
@login_required
def settings_index(request):
    return render(
        request,
        "settings/index.html",
        {"staff_changes": staff_changes.for_person(request.user)},
    )


@require_safe
@login_required
def export_page(request):
    return render(
        request, "settings/export.html", {"export": ownership.export_for(request.user)}
    )


@require_safe
@login_required
def export_download(request):
    body = json.dumps(
        ownership.export_for(request.user), cls=DjangoJSONEncoder, indent=2
    )
    response = HttpResponse(body, content_type="application/json")
    # A plain file name: it lands in a shared Downloads folder.
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        limited = ratelimit.consume_or_429(
            request, app="allauth.account", action="reauthenticate", user=request.user
        )
        if limited:
            return limited
        if form.is_valid():
            user = request.user
            logout(request)
            ownership.delete_account(user=user)
            return redirect("privacy:deleted")
    return render(request, "settings/delete.html", {"form": form})


@require_safe
def deleted(request):
    return render(request, "settings/deleted.html")


@require_safe
def safety(request):
    return render(request, "safety/index.html", {"reset_form": SafetyResetForm()})


@require_POST
@login_required
def safety_reset(request):
    form = SafetyResetForm(request.POST)
    if not form.is_valid():
        return render(request, "safety/index.html", {"reset_form": form}, status=400)
    safety_actions.safety_reset(request)
    messages.success(
        request,
        "Done. Your other devices are signed out, no therapist can see anything, "
        "and reminder emails are off.",
    )
    return redirect("privacy:safety")
