from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from core.choices import radio_choices
from couples.access import partner_membership, request_membership
from couples.pause import couple_is_paused
from repair.journey import current_phase_order
from repair.models import ExerciseSession

from . import consent, daily, session_lights, trends
from .forms import CheckInForm, ConsentAnswerForm, StatementsForm
from .models import SAFETY_FIELDS, CheckAgain, ConsentItem, Light


def _initial_from(checkin) -> dict:
    if checkin is None:
        return {}
    return {
        "light": checkin.light,
        "feelings": checkin.feelings,
        "note": checkin.note,
        "note_shared": checkin.note_shared,
    }


# The check-in's note autosaves (core.autosave) until the check-in is saved with it.
NOTE_KEY = "checkin-note"


def _today_page(request, *, form=None, statements=None, status=200):
    membership = request_membership(request)
    partner = partner_membership(membership) if membership else None
    mine, partners = daily.todays_checkins(request.user, partner)
    if form is None:
        initial = _initial_from(mine) | core_autosave.kept_text(
            request.user, NOTE_KEY, {"note": mine.note if mine else ""}
        )
        form = CheckInForm(initial=initial)
    if statements is None and daily.statements_asked(mine):
        statements = StatementsForm(
            initial={name: getattr(mine, name) for name in SAFETY_FIELDS}
        )
    phase_order = current_phase_order(membership.couple) if membership else 1
    context = {
        "form": form,
        "mine": mine,
        "statements_form": statements if daily.statements_asked(mine) else None,
        # In the first phase the statements wait, folded, for when the person is ready.
        "statements_when_ready": phase_order <= 1,
        "partner_today": daily.partner_today(
            mine=mine, partner=partner, theirs=partners
        ),
        "i_am_paused": bool(membership and membership.i_am_paused),
        "membership": membership,
        "note_revision": core_autosave.revision([form["note"].value() or ""]),
        "consent_open": bool(partner)
        and consent.is_open(membership.couple, current_phase_order=phase_order),
    }
    return render(request, "checkins/today.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
def today(request):
    """One tap on a light saves the whole check-in, with the note if one was written."""
    if request.method == "GET":
        return _today_page(request)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _today_page(request, form=form, status=400)
    checkin = daily.record_checkin(
        user=request.user,
        membership=request_membership(request),
        light=form.cleaned_data["light"],
        feelings=form.cleaned_data["feelings"],
        note=form.cleaned_data["note"],
        note_shared=form.cleaned_data["note_shared"],
    )
    core_autosave.let_go(request.user, NOTE_KEY)
    if checkin.light != Light.RED:
        messages.success(
            request,
            "Thank you for checking in. That's all a check-in needs, and you can change it "
            "any time today.",
        )
    return redirect("checkins:today")


@require_POST
@login_required
def statements(request):
    """The five statements, added to today's check-in after its light; all optional."""
    if daily.todays_checkin(request.user) is None:
        raise Http404("There's no check-in today to add these to.")
    form = StatementsForm(request.POST)
    if not form.is_valid():
        return _today_page(request, statements=form, status=400)
    try:
        daily.record_statements(user=request.user, scores=form.scores())
    except daily.NotAskedToday:
        # Red was chosen in another window: nothing more is asked today.
        messages.info(
            request, "Today's light is red, so nothing more is asked of you today."
        )
        return redirect("checkins:today")
    messages.success(request, "Saved. Only you see these.")
    return redirect("checkins:today")


@autosaves
@require_POST
@login_required
def today_note_draft(request):
    mine, _ = daily.todays_checkins(request.user, None)
    return core_autosave.save_text(
        request,
        key=NOTE_KEY,
        fields=["note"],
        shown={"note": mine.note if mine else ""},
    )


@require_safe
@login_required
def history(request):
    weeks = trends.weekly_trend(request.user)
    return render(
        request, "checkins/history.html", {"weeks": weeks, "chart": trends.chart(weeks)}
    )


def _consent_context(request, membership, *, now=None) -> dict:
    now = now or timezone.now()
    partner = partner_membership(membership)
    groups = consent.menu()
    mine = consent.my_answers(request.user)
    resting = False
    for group in groups:
        for item in group.items.all():
            row = mine.get(item.pk)
            item.my_answer = row.answer if row else ""
            item.my_note = row.note if row else ""
            item.my_check_again = row.check_again_months if row else None
            item.answer_choices = radio_choices(
                ConsentAnswerForm(None, item=item, initial={"answer": item.my_answer})[
                    "answer"
                ]
            )
            item.resting = bool(row and row.answer and row.is_resting(now))
            resting = resting or item.resting
    return {
        "membership": membership,
        "partner": partner,
        "groups": groups,
        "mutual": consent.mutual_items(
            first_user_id=request.user.pk, second_user_id=partner.user_id, now=now
        )
        if partner
        else [],
        "check_again_choices": [("", "No need"), *CheckAgain.choices],
        "any_resting": resting,
    }


def _answer_form(data, item, row) -> ConsentAnswerForm | None:
    """The item's fields from a post, or None when the post says nothing about it. A field the
    post leaves out keeps what was saved, so a partial post never wipes a private note."""
    prefix = f"item-{item.slug}-"
    if not any(key.startswith(prefix) for key in data):
        return None
    data = data.copy()
    data.setdefault(prefix + "answer", row.answer if row else "")
    data.setdefault(prefix + "note", row.note if row else "")
    saved_months = row.check_again_months if row else None
    data.setdefault(
        prefix + "check_again", "" if saved_months is None else saved_months
    )
    return ConsentAnswerForm(data, item=item)


def _save(request, item, form) -> None:
    consent.set_answer(
        user=request.user,
        item=item,
        answer=form.cleaned_data["answer"],
        note=form.cleaned_data["note"],
        check_again_months=form.cleaned_data["check_again"],
    )


def _consent_membership(request):
    """The person's couple, and whether the menu is open to them yet."""
    membership = request_membership(request)
    if membership is None:
        return None, False
    phase_order = current_phase_order(membership.couple)
    return membership, consent.is_open(
        membership.couple, current_phase_order=phase_order
    )


def _resting_response(request):
    """While a pause is on the menu rests, for the couple: no answer is shown or saved. An answer
    sent from a page opened before the pause lands on the resting page instead."""
    if request.method == "GET":
        return render(request, "checkins/consent_resting.html")
    if request.htmx:
        return HttpResponseClientRedirect(reverse("checkins:consent"))
    return redirect("checkins:consent")


@require_http_methods(["GET", "POST"])
@login_required
def consent_menu(request):
    membership, is_open = _consent_membership(request)
    if membership is not None and couple_is_paused(membership):
        return _resting_response(request)
    if membership is None or not is_open:
        context = {
            "membership": membership,
            "opted_in": bool(membership) and consent.has_opted_in(membership),
        }
        return render(request, "checkins/consent_closed.html", context)
    if request.method == "POST":
        mine = consent.my_answers(request.user)
        forms = [
            (item, form)
            for item in ConsentItem.objects.filter(published=True)
            if (form := _answer_form(request.POST, item, mine.get(item.pk)))
        ]
        refused = [item.label for item, form in forms if not form.is_valid()]
        if refused:
            # Nothing is saved from a post the page couldn't have sent (an old or altered page):
            # saying "saved" would be untrue for the items it names.
            context = _consent_context(request, membership) | {"refused": refused}
            return render(request, "checkins/consent.html", context, status=400)
        for item, form in forms:
            # Only what changed is saved: an answer left as it was is not "looked at again".
            if form.differs_from(mine.get(item.pk)):
                _save(request, item, form)
        messages.success(request, "Your answers are saved. Only you can see them.")
        return redirect("checkins:consent")
    return render(
        request, "checkins/consent.html", _consent_context(request, membership)
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def consent_answer(request):
    """One item's answer, named in the body so no activity ever appears in a URL or a log line.
    Saving is looking again: a resting answer counts again from now."""
    membership, is_open = _consent_membership(request)
    if membership is None:
        raise Http404("The consent menu isn't open.")
    if couple_is_paused(membership):
        return _resting_response(request)
    if not is_open:
        raise Http404("The consent menu isn't open.")
    item = ConsentItem.objects.filter(
        slug=request.POST.get("item", ""), published=True
    ).first()
    if item is None:
        return HttpResponseBadRequest("Choose an item from the menu.")
    row = consent.my_answers(request.user).get(item.pk)
    form = _answer_form(request.POST, item, row) or _answer_form(
        {f"item-{item.slug}-answer": row.answer if row else ""}, item, row
    )
    if not form.is_valid():
        return render(
            request,
            "checkins/consent.html#mutual-list",
            _consent_context(request, membership),
            status=400,
        )
    _save(request, item, form)
    if not request.htmx:
        return redirect("checkins:consent")
    return render(
        request,
        "checkins/consent.html#mutual-list",
        _consent_context(request, membership),
    )


@require_POST
@login_required
def consent_opt_in(request):
    membership = request_membership(request)
    if membership is None:
        return redirect("home")
    if request.POST.get("withdraw"):
        consent.withdraw_opt_in(
            membership=membership
        )  # stepping back needs nobody's pause to end
    elif not couple_is_paused(membership):
        consent.opt_in(membership=membership)
    return redirect("checkins:consent")


def _get_running_session_for_member(request, code) -> ExerciseSession:
    membership = request_membership(request)
    session = (
        ExerciseSession.objects.filter(
            code=code, couple_id=membership.couple_id
        ).first()
        if membership
        else None
    )
    if session is None:
        raise Http404("No such session.")
    return session


@require_POST
@login_required
def session_light(request, code):
    session = _get_running_session_for_member(request, code)
    light = request.POST.get("light", "")
    if light not in Light.values:
        return HttpResponseBadRequest("Choose green, yellow or red.")
    try:
        session_lights.set_light(session=session, user=request.user, light=light)
    except session_lights.LightError as error:
        messages.info(request, str(error))
    if request.htmx:
        # The room refreshes itself from its live endpoint; tell it to look now.
        return HttpResponse(status=204, headers={"HX-Trigger": "room-changed"})
    return redirect("repair:session", code=session.code)
