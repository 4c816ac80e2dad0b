from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing

from . import endings, pairing, safety_check
from . import pause as pausing
from .access import active_membership, get_couple_for_member, partner_membership
from .forms import InvitationForm, PauseNoteForm, RoleForm
from .invitation_panel import panel_context
from .models import Pause, Role


@require_http_methods(["GET", "POST"])
@login_required
def start(request):
    if active_membership(request.user):
        return redirect("home")
    form = RoleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            couple = pairing.start_couple(
                user=request.user, role=form.cleaned_data["role"]
            )
        except pairing.PairingError as error:
            messages.error(request, str(error))
        else:
            pairing.create_invitation(
                membership=couple.memberships.get(user=request.user)
            )
            messages.success(
                request,
                "Your shared space is ready. Send the link to your partner whenever it feels right.",
            )
        return redirect("home")
    return render(
        request,
        "couples/start.html",
        {"start_form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def invite(request, code):
    couple, membership = get_couple_for_member(request.user, code)
    if couple.memberships.active().count() >= 2:
        return redirect("home")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        invitation = pairing.create_invitation(
            membership=membership, email=form.cleaned_data["email"]
        )
        resend = None
        if invitation.emailed and not invitation.email_queued:
            notice = "A new link is ready, but we couldn't send the email just now. You can copy the link below and send it yourself, or try sending it again in a little while. The old link no longer works."
            resend = InvitationForm(initial={"email": form.cleaned_data["email"]})
        elif invitation.emailed:
            notice = "A new link is ready, and we've sent it to the address you gave. The old link no longer works."
        elif form.cleaned_data["email"]:
            notice = "A new link is ready. That address has had a few emails from us today, so we didn't send another: copy the link below and send it yourself. The old link no longer works."
        else:
            notice = "A new link is ready. The old link no longer works."
        if not request.htmx:
            (messages.warning if resend else messages.success)(request, notice)
            return redirect("home")
        context = panel_context(request, membership, resend) | {"notice": notice}
        return render(request, "couples/invite.html#invite-panel", context)
    template = (
        "couples/invite.html#invite-panel" if request.htmx else "couples/invite.html"
    )
    # 422 for htmx: it swaps the panel and its errors into place (templates/base.html), where
    # under DEBUG django-htmx's error overlay would take a 400 over the whole page.
    invalid = 422 if request.htmx else 400
    return render(
        request,
        template,
        panel_context(request, membership, form),
        status=invalid if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def join(request, token):
    if not request.user.is_authenticated:
        return _join_signed_out(request, token)
    invitation = pairing.find_invitation(token)
    problem = pairing.invitation_problem(invitation, request.user)
    # A used link, or "already in a couple", may be this person's own second tap landing
    # while the first one commits: read the invitation again before saying no.
    if problem and pairing.joined_with(pairing.find_invitation(token), request.user):
        return redirect("home")
    if problem:
        return render(
            request,
            "couples/join_problem.html",
            {"problem": problem},
            status=404 if invitation is None else 410,
        )
    their_role = pairing.inviter_role(invitation)
    form = RoleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pairing.accept_invitation(
                token=token, user=request.user, role=form.cleaned_data["role"]
            )
        except pairing.PairingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"You and {invitation.invited_by.display_name} are now together in Mend.",
            )
            return redirect("home")
    context = {
        "form": form,
        "inviter": invitation.invited_by,
        "inviter_role": Role(their_role).label if their_role else "",
    }
    return render(
        request, "couples/join.html", context, status=400 if form.errors else 200
    )


def _join_signed_out(request, token):
    """The first screen for someone who opens an invitation before having an account: who
    invited them (the name only) and what Mend is, then sign-up or sign-in, which bring them
    back to this link to join."""
    if request.method != "GET":
        return redirect_to_login(request.get_full_path())
    invitation = pairing.find_invitation(token)
    problem = pairing.link_problem(invitation)
    if problem:
        return render(
            request,
            "couples/join_problem.html",
            {"problem": problem},
            status=404 if invitation is None else 410,
        )
    return render(
        request,
        "couples/join_welcome.html",
        {"inviter_name": invitation.invited_by.display_name},
    )


@require_http_methods(["GET", "POST"])
@login_required
def leave(request, code):
    couple, membership = get_couple_for_member(request.user, code)
    if request.method == "POST":
        pairing.leave_couple(user=request.user)
        # They know what happened: the calm word on home is for the other person.
        endings.put_away(request.user)
        messages.success(
            request, "You have left the couple. Everything you wrote is still yours."
        )
        return redirect("home")
    partner = partner_membership(membership)
    return render(
        request,
        "couples/leave.html",
        {
            "couple": couple,
            "partner_name": partner.user.display_name if partner else "",
        },
    )


@require_POST
@login_required
def put_away_ending(request):
    """Puts away the word home shows after a couple ended; only ever the person's own."""
    endings.put_away(request.user)
    return redirect("home")


def _pause_context(pause, form, **extra) -> dict:
    return {
        "pause": pause,
        "form": form,
        # What is saved on the pause, so a refused note still shows as not saved.
        "note_revision": core_autosave.revision([pause.note if pause else ""]),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
def pause(request):
    """One tap pauses (POST, no reason asked). The page then offers an optional private note and resuming."""
    membership = active_membership(request.user)
    if membership is None:
        return redirect("home")
    if request.method == "POST":
        pausing.start_pause(membership=membership)
        return redirect("couples:pause")
    current = pausing.open_pause_for(membership)
    form = PauseNoteForm(initial={"note": current.note if current else ""})
    # Quiet mode is this person's own pause: only their own page ever says so.
    quiet = current is not None and safety_check.quiet_pause(membership) is not None
    return render(
        request, "couples/pause.html", _pause_context(current, form, quiet=quiet)
    )


@require_POST
@login_required
def pause_note(request):
    membership = active_membership(request.user)
    current = pausing.open_pause_for(membership) if membership else None
    if current is None:
        return redirect("home")
    form = PauseNoteForm(request.POST)
    if not form.is_valid():
        return render(
            request, "couples/pause.html", _pause_context(current, form), status=400
        )
    pausing.save_pause_note(pause=current, note=form.cleaned_data["note"])
    messages.success(request, "Your note is saved, just for you.")
    return redirect("couples:pause")


@autosaves
@require_POST
@login_required
def pause_note_draft(request, code):
    """The note autosaves onto the person's own pause (core.autosave). Addressed by the pause,
    so words sent as the person ends the pause still land on it."""
    with transaction.atomic():
        pause = (
            Pause.objects.select_for_update()
            .filter(code=code, user_id=request.user.pk)
            .first()
        )
        if pause is None:
            raise Http404("No such pause.")
        return core_autosave.save(
            request,
            fields=["note"],
            current={"note": pause.note},
            store=lambda values: pausing.save_pause_note(
                pause=pause, note=values["note"]
            ),
        )


@require_POST
@login_required
def resume(request):
    membership = active_membership(request.user)
    if membership and pausing.end_pause(membership=membership):
        messages.success(
            request, "Welcome back. You can pause again whenever you need to."
        )
    return redirect("home")
