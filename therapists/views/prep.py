"""The session-prep page: one screen (printable on one or two pages) of what changed for a couple
since the session date the therapist sets, and acknowledging a measure's flag. Logged like every
look at a couple."""

import datetime
import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from couples.models import AccessEvent, ShareCategory
from measures import responses as measure_responses
from measures.models import Response
from therapists import prep as prep_domain

from ._access import calm_refusal, get_care_for_therapist


class SinceForm(forms.Form):
    since = forms.DateField(
        label="Since the session on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )


@require_safe
@login_required
@calm_refusal
def prep(request, code):
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.PREP)
    today = timezone.localdate()
    form = SinceForm(request.GET or None)
    since = (
        form.is_valid() and form.cleaned_data["since"]
    ) or prep_domain.default_since(today)
    since = prep_domain.clamp_since(since, today)
    return render(
        request,
        "therapists/prep.html",
        {
            "invite": progress.invite,
            "progress": progress,
            "prep": prep_domain.prep_for(progress, since=since),
            "since_form": SinceForm(initial={"since": since}),
            "since": since,
        },
    )


@require_POST
@login_required
@calm_refusal
def acknowledge_flag(request, code):
    """The therapist has seen a measure's flag. Only for a partner sharing their measures now."""
    progress = get_care_for_therapist(request, code, what=AccessEvent.What.FLAG_SEEN)
    sharing = [
        person.pk
        for person in progress.partners
        if progress.sharing.person_shares(person.pk, ShareCategory.MEASURES)
    ]
    try:
        flag_code = uuid.UUID(request.POST.get("flag", ""))
    except ValueError:
        raise Http404("No such flag.") from None
    response = (
        Response.objects.open_flags()
        .filter(
            code=flag_code,
            couple_id=progress.invite.couple_id,
            person_id__in=sharing,
        )
        .first()
    )
    if response is None:
        raise Http404("No such flag.")
    measure_responses.acknowledge_flag(response=response, therapist=request.user)
    since = request.POST.get("since", "")
    try:
        datetime.date.fromisoformat(since)
    except ValueError:
        since = ""
    url = reverse("therapists:prep", args=[progress.invite.code])
    return redirect(f"{url}?since={since}" if since else url)
