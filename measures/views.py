"""A person's measures: the list, taking one, their own trend, and a trend their partner shares.

Everything here is the person's own, found through their membership (couples.access); the
partner's answers are never read, only the totals of a measure the partner chose to share.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from couples.access import partner_membership, request_membership
from couples.models import Role

from . import cadence, responses, trends
from .forms import CadenceForm, MeasureForm, TrendSharingForm
from .models import Cadence, Instrument, Response, TrendShare


def _instrument(slug) -> Instrument:
    return get_object_or_404(Instrument, slug=slug, published=True)


def _partner(request):
    membership = request_membership(request)
    partner = partner_membership(membership) if membership else None
    return membership, partner


@require_safe
@login_required
def index(request):
    return index_page(request)


def index_page(request, *, cadence_form=None, status=200):
    """The list of measures, with the couple's cadence and any suggestion of their therapist's.

    The cadence form re-renders here with its error (status 400) when its input is refused.
    """
    membership, partner = _partner(request)
    latest = responses.latest_by_instrument(request.user)
    instruments = list(Instrument.objects.filter(published=True))
    broke_trust = membership is not None and membership.role == Role.INVOLVED
    for instrument in instruments:
        instrument.my_latest = latest.get(instrument.pk)
        # The hurt partner's framing ("the discovery") is wrong for the one who broke trust.
        instrument.about_for_me = (
            broke_trust and instrument.about_involved
        ) or instrument.about
    context = {
        "instruments": instruments,
        "partner": partner.user if partner else None,
        "shared_with_me": responses.trends_shared_with(membership, partner)
        if membership
        else [],
        "membership": membership,
    }
    if membership is not None:
        current = cadence.cadence_of(membership.couple_id)
        form = cadence_form or cadence_form_for(membership, partner, current)
        suggestion = cadence.open_suggestion(membership.couple_id)
        context |= {
            "cadence": current,
            "cadence_form": form,
            "hurt_name": form.hurt_name,
            "suggestion": suggestion,
            "may_take_up": suggestion is not None and suggestion.weeks in form.allowed,
        }
    return render(request, "measures/index.html", context, status=status)


def cadence_form_for(membership, partner, current, data=None) -> CadenceForm:
    """The cadence form for this partner: the hurt partner sets the pace (forms.CadenceForm)."""
    return CadenceForm(
        data,
        initial={"weeks": current.weeks if current else Cadence.OFF},
        membership=membership,
        current=current.weeks if current else Cadence.OFF,
        hurt_name=partner.user.display_name
        if partner and partner.role == Role.INJURED
        else "Your partner",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def take(request, slug):
    instrument = _instrument(slug)
    form = MeasureForm(
        request.POST if request.method == "POST" else None, instrument=instrument
    )
    if request.method == "POST" and form.is_valid():
        membership = request_membership(request)
        responses.record(
            person=request.user,
            couple=membership.couple if membership else None,
            instrument=instrument,
            answers=form.answers(),
        )
        messages.success(request, "Saved. Only you can see your answers.")
        return redirect("measures:trend", slug=instrument.slug)
    return render(
        request,
        "measures/take.html",
        {"instrument": instrument, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_safe
@login_required
def trend(request, slug):
    instrument = _instrument(slug)
    mine = responses.history(request.user, instrument)
    membership, partner = _partner(request)
    shared = bool(
        membership
        and responses.is_trend_shared(
            person=request.user, couple=membership.couple, instrument=instrument
        )
    )
    return render(
        request,
        "measures/trend.html",
        {
            "instrument": instrument,
            "trend": _trend_of(instrument, mine),
            "needs_help_now": bool(mine) and mine[-1].risky,
            "partner": partner.user if partner else None,
            "sharing_form": TrendSharingForm(initial={"with_partner": shared}),
            "shared": shared,
        },
    )


@require_POST
@login_required
def share_trend(request, slug):
    instrument = _instrument(slug)
    membership, partner = _partner(request)
    if membership is None or partner is None:
        raise Http404("No partner to share with.")
    form = TrendSharingForm(request.POST)
    form.is_valid()  # one checkbox: always valid
    shared = form.cleaned_data["with_partner"]
    responses.set_trend_shared(
        person=request.user,
        couple=membership.couple,
        instrument=instrument,
        shared=shared,
    )
    messages.success(
        request,
        f"{partner.user.display_name} can now see this trend (the scores, never your answers)."
        if shared
        else f"This trend is yours alone again. {partner.user.display_name} no longer sees it.",
    )
    return redirect("measures:trend", slug=instrument.slug)


@require_safe
@login_required
def partner_trend(request, slug):
    """A trend the partner shares: their totals over time, never their answers."""
    instrument = _instrument(slug)
    membership, partner = _partner(request)
    if (
        membership is None
        or partner is None
        or not TrendShare.objects.filter(
            person_id=partner.user_id,
            couple_id=membership.couple_id,
            instrument=instrument,
        ).exists()
    ):
        raise Http404("Nothing shared here.")
    theirs = list(
        Response.objects.filter(
            person_id=partner.user_id,
            couple_id=membership.couple_id,
            instrument=instrument,
        )
        .order_by("taken_at", "pk")
        .only("code", "taken_at", "result", "instrument_id")
    )
    return render(
        request,
        "measures/partner_trend.html",
        {
            "instrument": instrument,
            "partner": partner.user,
            "trend": _trend_of(instrument, theirs),
        },
    )


def _trend_of(instrument: Instrument, history: list[Response]) -> trends.Trend:
    return trends.trend(
        instrument.rules, [(response.taken_at, response.total) for response in history]
    )
