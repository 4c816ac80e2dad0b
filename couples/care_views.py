"""The partners' side of the care team: invite a therapist, choose what to share, stop, see who looked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts import staff_changes

from . import care
from .access import active_membership, partner_membership
from .forms import CareInviteForm, GrantForm
from .models import Membership


def _require_membership(request) -> Membership:
    membership = active_membership(request.user)
    if membership is None:
        raise Http404("Not in a couple.")
    return membership


def _get_invite_for_member(request, code):
    membership = _require_membership(request)
    invite = care.get_invite_for_member(membership, code)
    if invite is None:
        raise Http404("No such invitation.")
    return invite, membership


def _team_context(membership, form=None) -> dict:
    partner = partner_membership(membership)
    team = care.care_team(membership)
    for invite in team:
        by_user = {g.user_id: g for g in invite.live}
        invite.my_grant = by_user.get(membership.user_id)
        invite.partner_grant = by_user.get(partner.user_id) if partner else None
        invite.can_see = bool(
            invite.accepted_at
            and invite.my_grant
            and invite.my_grant.is_active
            and invite.partner_grant
            and invite.partner_grant.is_active
        )
    return {
        "membership": membership,
        "partner": partner,
        "team": team,
        "form": form or CareInviteForm(),
    }


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def care_team(request):
    membership = _require_membership(request)
    form = CareInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invite = care.invite_therapist(
                membership=membership,
                email=form.cleaned_data["email"],
                choices=form.choices(),
                until=form.cleaned_data["until"],
            )
        except care.CareError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"You've invited {invite.therapist.display_name}. They'll see nothing until your partner "
                "agrees too and they accept.",
            )
            if request.htmx:  # the whole page changes: ask htmx for a real navigation
                return HttpResponseClientRedirect(reverse("couples:care"))
            return redirect("couples:care")
    template = "couples/care.html#invite-form" if request.htmx else "couples/care.html"
    # 422 for htmx: it swaps the form and its errors into place (templates/base.html), where
    # under DEBUG django-htmx's error overlay would take a 400 over the whole page.
    invalid = 422 if request.htmx else 400
    return render(
        request,
        template,
        _team_context(membership, form),
        status=invalid if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def care_consent(request, code):
    invite, membership = _get_invite_for_member(request, code)
    grant = care.live_grant(invite=invite, user=request.user)
    form = GrantForm(request.POST if request.method == "POST" else None, instance=grant)
    if request.method == "POST" and form.is_valid():
        try:
            care.give_grant(
                invite=invite,
                membership=membership,
                choices=form.choices(),
                until=form.cleaned_data["until"],
            )
        except care.CareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Saved. You can change this, or stop sharing, whenever you like.",
            )
            return redirect("couples:care")
    return render(
        request,
        "couples/care_consent.html",
        {"invite": invite, "grant": grant, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def care_revoke(request, code):
    invite, _ = _get_invite_for_member(request, code)
    if care.revoke_grant(invite=invite, user=request.user):
        messages.success(
            request,
            f"Done. From now on {invite.therapist.display_name} can't see anything of yours or your "
            "partner's in Mend. You can agree again later if you want to.",
        )
    return redirect("couples:care")


@require_safe
@login_required
def care_log(request):
    membership = _require_membership(request)
    return render(
        request,
        "couples/care_log.html",
        {
            "events": care.access_log(couple_id=membership.couple_id),
            # The person's own account only: a change to the partner's account is theirs to see.
            "staff_changes": staff_changes.for_person(request.user),
        },
    )
