"""Registering as a therapist, the dashboard, and answering a couple's invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from couples import care
from couples.models import AccessEvent, CareTeamInvite
from therapists.dashboard import dashboard_for
from therapists.forms import RegisterForm
from therapists.models import TherapistProfile
from therapists.registration import RegistrationError, register_therapist
from therapists.standing import APPROVED, standing_of

from ._access import approved_therapist


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
    if standing_of(request) != APPROVED:
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
            "lines": found.lines,
            "pending": found.invitations,
        },
    )


def _pending_invite(request, code) -> CareTeamInvite:
    approved_therapist(request)
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
