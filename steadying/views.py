from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from couples.access import partner_membership, request_membership

from . import flooding, hard_dates, honesty
from .forms import CardForm, HardDateForm, NoteForm
from .models import HardDate, HonestyNote


@require_safe
@login_required
def ground(request):
    """The grounding screen. Everything it needs is on the page: it keeps working offline."""
    return render(request, "steadying/ground.html", {"sent": request.GET.get("sent")})


@require_POST
@login_required
def flooded(request):
    sent = flooding.tap(user=request.user, membership=request_membership(request))
    response = redirect("steadying:ground")
    if sent:
        response["Location"] += "?sent=1"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def edit_card(request):
    card = flooding.card_for(request.user)
    if request.method == "POST":
        form = CardForm(request.POST)
        if form.is_valid():
            flooding.save_card(user=request.user, **form.cleaned_data)
            messages.success(
                request, "Your card is saved. It's here whenever you need it."
            )
            return redirect("steadying:card")
        status = 400
    else:
        initial = {}
        if card:
            initial = {
                name: getattr(card, name)
                for name in (
                    "helps",
                    "does_not_help",
                    "send_to_partner",
                    "keep_history",
                )
            }
        form = CardForm(initial=initial)
        status = 200
    membership = request_membership(request)
    context = {
        "form": form,
        "card": card,
        "has_partner": bool(membership and partner_membership(membership)),
    }
    return render(request, "steadying/card.html", context, status=status)


@require_safe
@login_required
def partner_card(request):
    card = flooding.card_shared_with(request.user, request_membership(request))
    if card is None:
        raise Http404("No card.")
    return render(request, "steadying/partner_card.html", {"card": card})


@require_http_methods(["GET", "POST"])
@login_required
def history(request):
    if request.method == "POST":
        share = request.POST.get("share_with_therapist") == "yes"
        flooding.share_history_with_therapist(user=request.user, share=share)
        messages.success(
            request,
            "Your therapist can see this list now, while you share your journal with them."
            if share
            else "Your therapist no longer sees this list.",
        )
        return redirect("steadying:history")
    card = flooding.card_for(request.user)
    keeping = bool(card and card.keep_history)
    moments = list(flooding.history_for(request.user)) if keeping else []
    context = {"keeping": keeping, "moments": moments, "card": card}
    return render(request, "steadying/history.html", context)


def _couple_for_honesty(request):
    membership = request_membership(request)
    if membership is None:
        raise Http404("No couple.")
    return membership, partner_membership(membership)


@require_http_methods(["GET", "POST"])
@login_required
def honesty_log(request):
    membership, partner = _couple_for_honesty(request)
    writer = honesty.can_write(membership)
    reader = honesty.can_read(membership, partner)
    form = NoteForm()
    status = 200
    if request.method == "POST":
        if not writer:
            raise PermissionDenied("Only the partner offering honesty writes here.")
        form = NoteForm(request.POST)
        if form.is_valid():
            corrects = None
            if form.cleaned_data["corrects"]:
                corrects = get_object_or_404(
                    HonestyNote,
                    code=form.cleaned_data["corrects"],
                    couple_id=membership.couple_id,
                    author_id=request.user.pk,
                )
            honesty.write_note(
                membership=membership, body=form.cleaned_data["body"], corrects=corrects
            )
            messages.success(request, "Added. Thank you for offering it.")
            return redirect("steadying:honesty")
        status = 400
    context = {
        "form": form,
        "writer": writer,
        "reader": reader,
        "partner": partner,
        "written": list(honesty.notes_written(membership)) if writer else [],
        "to_read": list(honesty.notes_to_read(membership, partner)) if reader else [],
    }
    return render(request, "steadying/honesty.html", context, status=status)


@require_POST
@login_required
def thank_note(request, code):
    membership, partner = _couple_for_honesty(request)
    note = get_object_or_404(
        HonestyNote.objects.select_related(None),
        code=code,
        couple_id=membership.couple_id,
    )
    if note.author_id == request.user.pk or not honesty.can_read(membership, partner):
        raise PermissionDenied("Not yours to thank.")
    honesty.thank(note=note, reader=request.user)
    return redirect("steadying:honesty")


@require_http_methods(["GET", "POST"])
@login_required
def hard_date_list(request):
    """The person's own hard dates: what they are stays on this page, for them alone."""
    form = HardDateForm()
    status = 200
    if request.method == "POST":
        form = HardDateForm(request.POST)
        if form.is_valid():
            hard_dates.save_date(owner=request.user, **form.cleaned_data)
            messages.success(request, "Added. Only you can see it.")
            return redirect("steadying:hard_dates")
        status = 400
    membership = request_membership(request)
    context = {
        "form": form,
        "dates": hard_dates.dates_of(request.user),
        "has_partner": bool(membership and partner_membership(membership)),
    }
    return render(request, "steadying/hard_dates.html", context, status=status)


@require_POST
@login_required
def hard_date_forget(request, code):
    hard_dates.forget(get_object_or_404(HardDate, code=code, owner=request.user))
    messages.success(request, "That date is gone from Mend.")
    return redirect("steadying:hard_dates")


@require_POST
@login_required
def hard_date_heads_up(request, code):
    hard_date = get_object_or_404(HardDate, code=code, owner=request.user)
    on = request.POST.get("heads_up") == "on"
    hard_dates.set_heads_up(hard_date, heads_up=on)
    messages.success(
        request,
        "Your partner will get a heads-up before it."
        if on
        else "No heads-up for this date now. It stays on your list, just for you.",
    )
    return redirect("steadying:hard_dates")


@require_safe
@login_required
def heads_up(request):
    """For the partner: what a heads-up means and how to be around. It names no date."""
    return render(request, "steadying/heads_up.html")
