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

from . import crisis, ownership, readable_export
from . import safety as safety_actions
from .forms import CountryForm, CountryLookupForm, DeleteAccountForm, SafetyResetForm
from .models import CrisisLine


@require_safe
@login_required
def settings_index(request):
    country, chosen = crisis.country_for(request.user)
    return render(
        request,
        "settings/index.html",
        {
            "staff_changes": staff_changes.for_person(request.user),
            "country_form": CountryForm(initial={"country": country}),
            "country_suggested": bool(country) and not chosen,
        },
    )


@require_POST
@login_required
def settings_country(request):
    form = CountryForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "settings/index.html",
            {
                "staff_changes": staff_changes.for_person(request.user),
                "country_form": form,
            },
            status=400,
        )
    request.user.country = form.cleaned_data["country"]
    request.user.save(update_fields=["country"])
    messages.success(request, "Saved. The Safety page now shows help for this country.")
    return redirect("privacy:settings")


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


@require_safe
@login_required
def export_document(request):
    """The same export as a page for people: to read, print or save."""
    return render(request, "settings/export_document.html", _document(request))


@require_safe
@login_required
def export_document_download(request):
    """The page as one file that reads on its own, offline, with no Mend around it."""
    response = render(request, "settings/export_document_file.html", _document(request))
    # A plain file name: it lands in a shared Downloads folder.
    response["Content-Disposition"] = 'attachment; filename="my-data.html"'
    return response


def _document(request) -> dict:
    export = ownership.export_for(request.user)
    return {"parts": readable_export.document_for(export), "notes": export["notes"]}


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


def _help_for(request) -> dict:
    """Which country's lines the Safety page shows: one looked up with ?country=, else the
    person's own (chosen in settings, or suggested by their time zone), else none yet."""
    looked_up = request.GET.get("country", "").strip().upper()
    suggested = False
    if crisis.is_country(looked_up):
        country = looked_up
    elif request.user.is_authenticated:
        country, chosen = crisis.country_for(request.user)
        suggested = bool(country) and not chosen
    else:
        country = ""
    lines = crisis.lines_for(country)
    return {
        "country": country,
        "country_name": crisis.country_name(country) if country else "",
        "country_suggested": suggested,
        "lines": lines,
        "emergency_lines": [x for x in lines if x.kind == CrisisLine.Kind.EMERGENCY],
        "crisis_lines": [x for x in lines if x.kind == CrisisLine.Kind.CRISIS],
        "abuse_lines": [
            x
            for x in lines
            if x.kind
            in (CrisisLine.Kind.DOMESTIC_ABUSE, CrisisLine.Kind.SEXUAL_VIOLENCE)
        ],
        "lookup_form": CountryLookupForm(initial={"country": country}),
    }


@require_safe
def safety(request):
    return render(
        request,
        "safety/index.html",
        {"reset_form": SafetyResetForm(), **_help_for(request)},
    )


@require_POST
@login_required
def safety_reset(request):
    form = SafetyResetForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "safety/index.html",
            {"reset_form": form, **_help_for(request)},
            status=400,
        )
    safety_actions.safety_reset(request)
    messages.success(
        request,
        "Done. Your other devices are signed out, no therapist can see anything, "
        "and reminder emails are off.",
    )
    return redirect("privacy:safety")
