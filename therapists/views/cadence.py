"""A therapist suggesting how often the couple is invited to their measures.

Only with the "measures" share of at least one partner (otherwise there is nothing here: 404).
The couple sees the suggestion on their measures page and takes it up or declines it (either may
decline; a more frequent one is the hurt partner's to take up, measures.cadence.may_choose); the
therapist sees the answer here. Each look is logged in the couple's access log, as part of
preparing for a session.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.choices import radio_choices
from couples import care
from couples.models import AccessEvent, ShareCategory
from measures import cadence as measure_cadence
from measures.models import Cadence

from ._access import calm_refusal, care_without_a_look


class CadenceSuggestionForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label="Suggest an invitation to their measures",
        choices=[
            (str(value), label)
            for value, label in Cadence.choices
            if value != Cadence.OFF
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose how often.",
            "invalid_choice": "Please choose one of the options below.",
        },
    )

    @property
    def choices(self):
        return radio_choices(self["weeks"])


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@calm_refusal
def cadence(request, code):
    progress = care_without_a_look(request, code)
    if not progress.sharing.people_sharing(ShareCategory.MEASURES):
        raise Http404("They don't share their measures with you.")
    care.record_access(
        therapist=request.user,
        couple_ids=[progress.invite.couple_id],
        what=AccessEvent.What.PREP,
    )
    couple = progress.invite.couple
    form = CadenceSuggestionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        measure_cadence.suggest(
            invite=progress.invite,
            weeks=form.cleaned_data["weeks"],
            therapist=request.user,
        )
        messages.success(
            request,
            "Suggested. It's on their measures page, for them to take up or decline.",
        )
        return redirect("therapists:cadence", code=progress.invite.code)
    return render(
        request,
        "therapists/cadence.html",
        {
            "invite": progress.invite,
            "progress": progress,
            "form": form,
            "current": measure_cadence.cadence_of(couple.pk),
            "latest": measure_cadence.latest_suggestion(progress.invite),
        },
        status=400 if form.is_bound else 200,
    )
