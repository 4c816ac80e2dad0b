"""Repair views: parse, authorise through the couple's membership, call the domain, render."""

from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HTMX_STOP_POLLING

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples.access import partner_membership, request_membership
from couples.models import Membership

from . import journey, letters, live, sessions, suggestions, testing
from . import questions as questions_domain
from .forms import (
    AnswerForm,
    InviteForm,
    LetterDraftForm,
    LetterResponseForm,
    QuestionForm,
    ReflectionForm,
    SuggestTimeForm,
)
from .models import (
    Exercise,
    ExerciseDone,
    ExerciseSession,
    JourneyEvent,
    Letter,
    LetterVersion,
    Question,
    Reflection,
    SessionStatus,
)

# Lookups ------------------------------------------------------------------------------------------


def _require_membership(request) -> Membership:
    membership = request_membership(request)
    if membership is None:
        raise Http404("Not in a couple.")
    return membership


def _get_exercise_for_member(request, code) -> tuple[Exercise, Membership]:
    """A published exercise in the couple's current phase or an earlier one; 404 otherwise."""
    membership = _require_membership(request)
    current = journey.journey_for(membership.couple).phase
    exercise = get_object_or_404(
        Exercise.objects.available_up_to(current).select_related("phase"), code=code
    )
    return exercise, membership


def _get_session_for_member(request, code) -> tuple[ExerciseSession, Membership]:
    membership = _require_membership(request)
    # Before the session is read: a change committed after the read leaves a newer ETag behind.
    room_etag = live.current_etag(code)
    session = get_object_or_404(
        ExerciseSession.objects.select_related(
            "exercise", "exercise__phase", "inviter", "invitee", "ended_by"
        ),
        code=code,
        couple_id=membership.couple_id,
    )
    live.remember_member(code, request.user.pk)
    session.room_etag = room_etag
    return session, membership


def _zone(request) -> str:
    return getattr(request.user, "timezone", "") or "UTC"


# The Repair page and history -------------------------------------------------------------------


def _own_writing(user) -> dict:
    """Out of a couple (never joined, left, or the partner deleted their account): where the
    person's own writing is, and their own reflections, read by owner. Never a word of anyone
    else's: no shared reflection of a former partner, no letter or answer they wrote."""
    letter = letters.own_writing(user)
    box = questions_domain.own_writing(user)
    return {
        "has_letter": bool(letter["my_letters"]),
        "has_letter_answers": bool(letter["my_responses"]),
        "has_question_writing": any(box.values()),
        "my_reflections": list(
            Reflection.objects.filter(author=user)
            .select_related("session__exercise")
            .order_by("-written_at")
        ),
    }


@require_safe
@login_required
@never_cache
def index(request):
    membership = request_membership(request)
    if membership is None:
        return render(request, "repair/no_couple.html", _own_writing(request.user))
    partner = partner_membership(membership)
    members = [membership, partner] if partner else [membership]
    overview = journey.overview(membership=membership, memberships=members)
    context = {
        "membership": membership,
        "partner": partner,
        "overview": overview,
        "open_sessions": list(
            ExerciseSession.objects.open()
            .filter(couple_id=membership.couple_id)
            .select_related("exercise")
            .order_by("created_at")
        ),
        "suggestions": suggestions.open_suggestions_among(
            membership, overview.available
        ),
    }
    return render(request, "repair/index.html", context)


@require_safe
@login_required
@never_cache
def history(request):
    membership = _require_membership(request)
    events = (
        JourneyEvent.objects.filter(couple_id=membership.couple_id)
        .select_related("phase", "by")
        .order_by("-at", "-pk")
    )
    return render(
        request, "repair/history.html", {"membership": membership, "events": events}
    )


def _journey_step(request, step, success: str | None = None, **kwargs):
    membership = _require_membership(request)
    if "code" in kwargs and not journey.proposal_exists(
        couple_id=membership.couple_id, code=kwargs["code"]
    ):
        raise Http404("No such suggestion.")  # another couple's, or made up
    try:
        step(membership=membership, **kwargs)
    except journey.JourneyError as error:
        messages.info(request, str(error))
    else:
        if success:
            messages.success(request, success)
    return redirect("repair:index")


@require_POST
@login_required
def propose_advance(request):
    return _journey_step(
        request, journey.propose_advance, from_phase=request.POST.get("from_phase")
    )


@require_POST
@login_required
def confirm_advance(request, code):
    return _journey_step(
        request,
        journey.confirm_advance,
        "You've moved on together. You can step back at any time.",
        code=code,
    )


@require_POST
@login_required
def decline_advance(request, code):
    return _journey_step(
        request,
        journey.decline_advance,
        "You're staying here for now. There's no hurry.",
        code=code,
    )


@require_POST
@login_required
def withdraw_advance(request, code):
    return _journey_step(request, journey.withdraw_advance, code=code)


@require_POST
@login_required
def step_back(request):
    return _journey_step(
        request,
        journey.step_back,
        "You've stepped back a phase. Going back is part of the work, not a setback.",
        from_phase=request.POST.get("from_phase"),
    )


# Exercises -------------------------------------------------------------------------------------


def _exercise_context(membership, exercise, invite_form=None) -> dict:
    partner = partner_membership(membership)
    # A red day for the partner holds back "now" invitations to closeness; yellow asks to ask first.
    partner_light = (
        sessions.partner_light_today(partner)
        if partner and exercise.is_together and exercise.is_pausable
        else None
    )
    red_hold = partner_light == "red"
    done_by = set(
        ExerciseDone.objects.filter(
            couple_id=membership.couple_id, exercise=exercise
        ).values_list("user_id", flat=True)
    )
    return {
        "membership": membership,
        "partner": partner,
        "exercise": exercise,
        "invite_form": invite_form
        or InviteForm(initial={"when": "later"} if red_hold else None),
        "red_hold": sessions.red_day_message(partner.user.display_name)
        if red_hold
        else "",
        "ask_first": partner_light == "yellow",
        "testing_holds": exercise.is_together
        and testing.gates(exercise)
        and testing.holds_back(couple_id=membership.couple_id),
        "paused_for_this": exercise.is_together
        and (membership.i_am_paused or membership.partner_is_paused),
        "done_by_me": membership.user_id in done_by,
        "done_by_partner": bool(done_by - {membership.user_id}),
    }


@require_safe
@login_required
@never_cache
def exercise_detail(request, code):
    exercise, membership = _get_exercise_for_member(request, code)
    return render(
        request, "repair/exercise.html", _exercise_context(membership, exercise)
    )


@require_POST
@login_required
def exercise_done(request, code):
    exercise, membership = _get_exercise_for_member(request, code)
    done = request.POST.get("done") != "no"
    sessions.mark_done(membership=membership, exercise=exercise, done=done)
    return redirect("repair:exercise", code=exercise.code)


@require_POST
@login_required
def invite(request, code):
    exercise, membership = _get_exercise_for_member(request, code)
    form = InviteForm(request.POST, zone_name=_zone(request))
    if form.is_valid():
        try:
            session = sessions.invite(
                membership=membership,
                exercise=exercise,
                planned_for=form.cleaned_data["planned_for"],
            )
        except sessions.RedDayError:
            pass  # the page says so kindly, in place of the "now" choice
        except sessions.SessionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("repair:session", code=session.code)
    return render(
        request,
        "repair/exercise.html",
        _exercise_context(membership, exercise, invite_form=form),
        status=400,
    )


# Testing before sexual exercises ---------------------------------------------------------------


@require_safe
@login_required
@never_cache
def testing_page(request):
    membership = _require_membership(request)
    return render(
        request,
        "repair/testing.html",
        {
            "membership": membership,
            "partner": partner_membership(membership),
            "status": testing.status_for(membership),
        },
    )


def _testing_step(request, step, success: str, **kwargs):
    membership = _require_membership(request)
    try:
        step(membership=membership, **kwargs)
    except testing.TestingError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, success)
    return redirect("repair:testing")


@require_POST
@login_required
def testing_ask(request):
    return _testing_step(
        request,
        testing.ask,
        "Testing is asked for. Sexual exercises wait until you've both said it's done.",
    )


@require_POST
@login_required
def testing_withdraw(request):
    return _testing_step(
        request, testing.withdraw, "You've taken the request for testing back."
    )


@require_POST
@login_required
def testing_done(request):
    done = request.POST.get("done") != "no"
    membership = _require_membership(request)
    try:
        testing.mark_done(membership=membership, done=done)
    except testing.TestingError as error:
        # Taken back meanwhile: the page shows how things are now.
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            "Thank you. Your partner now sees “done”, and nothing more."
            if done
            else "You've taken your “done” back.",
        )
    return redirect("repair:testing")


# Sessions --------------------------------------------------------------------------------------


def _room_context(request, session, membership, **extra) -> dict:
    return {
        "session": session,
        "membership": membership,
        "me": request.user,
        "other": session.other_person(request.user),
        "waiting_on_me": session.status == SessionStatus.PROPOSED
        and session.awaiting_id == request.user.pk,
        "suggest_form": extra.pop("suggest_form", None) or SuggestTimeForm(),
        **extra,
    }


def _render_room(request, session, membership, status=200, **extra):
    template = "repair/session.html"
    if request.htmx:
        template += "#room-state"
    response = render(
        request,
        template,
        _room_context(request, session, membership, **extra),
        status=status,
    )
    response["ETag"] = session.room_etag
    return response


@require_safe
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_room(request, code):
    session, membership = _get_session_for_member(request, code)
    return _render_room(request, session, membership)


@require_safe
def session_live(request, code):
    """Polled every second by both screens: 304 with no rendering while nothing changed.

    No never_cache here: every page already gets ``Cache-Control: no-store, private`` from
    ``core.middleware.PrivacyHeadersMiddleware``, and this answer is the hottest path there is.

    The fast path takes the signed-in person's id from the session (their user row is not loaded)
    and answers from the cache alone (see ``repair.live``): no query. Anything else, including
    someone the cache does not know as a member, goes through the full sign-in check and the
    membership lookup, so an outsider gets 404.
    """
    user_id = request.session.get(SESSION_KEY)
    if user_id is not None and live.unchanged(
        code, user_id, request.headers.get("If-None-Match")
    ):
        response = HttpResponseNotModified()
        response["ETag"] = request.headers["If-None-Match"]
        return response
    if request.htmx and not request.user.is_authenticated:
        # Signed out meanwhile (elsewhere, a safety reset, the 12-hour limit): the room says so
        # in place and stops polling (286), and signing in comes back here.
        response = render(request, "repair/session.html#signed-out", {"code": code})
        response.status_code = HTMX_STOP_POLLING
        return response
    return _session_live_checked(request, code)


@login_required
def _session_live_checked(request, code):
    session, membership = _get_session_for_member(request, code)
    if request.headers.get("If-None-Match") == session.room_etag:
        response = HttpResponseNotModified()
        response["ETag"] = session.room_etag
        return response
    response = render(
        request,
        "repair/session.html#room-state",
        _room_context(request, session, membership),
    )
    response["ETag"] = session.room_etag
    return response


def _session_step(request, code, step, **kwargs):
    session, membership = _get_session_for_member(request, code)
    try:
        session = step(session=session, user=request.user, **kwargs)
    except sessions.SessionError as error:
        if not request.htmx:
            messages.info(request, str(error))
            return redirect("repair:session", code=code)
        session, membership = _get_session_for_member(request, code)
        return _render_room(request, session, membership, notice=str(error))
    if not request.htmx:
        return redirect("repair:session", code=code)
    session, membership = _get_session_for_member(request, code)
    return _render_room(request, session, membership)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_answer(request, code):
    answer = request.POST.get("answer")
    if answer == "accept":
        return _session_step(request, code, sessions.accept)
    if answer == "not_now":
        return _session_step(request, code, sessions.not_now)
    if answer == "suggest":
        form = SuggestTimeForm(request.POST, zone_name=_zone(request))
        if form.is_valid():
            return _session_step(
                request,
                code,
                sessions.suggest_time,
                planned_for=form.cleaned_data["planned_for"],
            )
        session, membership = _get_session_for_member(request, code)
        # htmx only swaps successful answers, so the form comes back with a 200 there.
        return _render_room(
            request,
            session,
            membership,
            status=200 if request.htmx else 400,
            suggest_form=form,
        )
    session, membership = _get_session_for_member(request, code)
    return _render_room(
        request,
        session,
        membership,
        status=200 if request.htmx else 400,
        notice="Please choose one of the answers.",
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_withdraw(request, code):
    return _session_step(request, code, sessions.withdraw)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_end(request, code):
    return _session_step(request, code, sessions.end)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
def reflection(request, code):
    session, membership = _get_session_for_member(request, code)
    if session.status != SessionStatus.ENDED or session.started_at is None:
        raise Http404("No reflection for a session that didn't happen.")
    mine = Reflection.objects.filter(session=session, author=request.user).first()
    theirs = (
        Reflection.objects.filter(session=session, shared_at__isnull=False)
        .exclude(author=request.user)
        .first()
    )
    initial = (
        {"safety": mine.safety, "noticed": mine.noticed, "share": bool(mine.shared_at)}
        if mine
        else {}
    )
    initial |= core_autosave.kept_text(
        request.user,
        f"reflection:{session.code}",
        {"noticed": mine.noticed if mine else ""},
    )
    form = ReflectionForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        sessions.save_reflection(
            session=session,
            user=request.user,
            safety=form.cleaned_data["safety"],
            noticed=form.cleaned_data["noticed"],
            share=form.cleaned_data["share"],
        )
        core_autosave.let_go(request.user, f"reflection:{session.code}")
        messages.success(
            request,
            "Saved. Thank you for taking a moment with this."
            if not form.cleaned_data["share"]
            else "Saved and shared with your partner.",
        )
        return redirect("repair:reflection", code=session.code)
    return render(
        request,
        "repair/reflection.html",
        {
            "session": session,
            "membership": membership,
            "form": form,
            "mine": mine,
            "theirs": theirs,
            "other": session.other_person(request.user),
            "noticed_revision": core_autosave.revision([form["noticed"].value() or ""]),
        },
        status=400 if form.errors else 200,
    )


# Accountability letter -------------------------------------------------------------------------


def _letter_context(request, membership, draft_form=None, response_form=None) -> dict:
    partner = partner_membership(membership)
    mine = letters.letter_for(membership) if letters.can_write(membership) else None
    theirs = (
        Letter.objects.filter(couple_id=membership.couple_id, author_id=partner.user_id)
        .prefetch_related("sent__responses")
        .first()
        if partner
        else None
    )
    their_versions = list(theirs.sent.all()) if theirs else []
    return {
        "membership": membership,
        "partner": partner,
        "mine": mine,
        "my_versions": list(mine.sent.prefetch_related("responses")) if mine else [],
        "draft_form": draft_form or (LetterDraftForm(instance=mine) if mine else None),
        "letter_revision": core_autosave.revision(
            [getattr(mine, name) for name in Letter.SECTIONS]
        )
        if mine
        else "",
        "theirs": theirs if their_versions else None,
        "their_versions": their_versions,
        "i_witness": bool(theirs)
        and letters.can_witness(letter=theirs, membership=membership),
    } | _response_form_context(
        request,
        theirs
        if their_versions and letters.can_witness(letter=theirs, membership=membership)
        else None,
        response_form,
    )


def _response_key(letter: Letter) -> str:
    return f"letter-response:{letter.code}"


def _response_form_context(request, theirs, form=None) -> dict:
    """The answer to a partner's letter autosaves (core.autosave), kept for its writer alone,
    until it is sent; a new version of the letter keeps what was being written."""
    if form is None:
        kept = (
            core_autosave.kept_text(
                request.user, _response_key(theirs), {"missing": ""}
            )
            if theirs
            else {}
        )
        form = LetterResponseForm(initial=kept)
        saved = core_autosave.revision([form["missing"].value() or ""])
    elif theirs:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user, _response_key(theirs), {"missing": form["missing"].value()}
        )
    else:
        saved = ""
    return {"response_form": form, "response_revision": saved}


@autosaves
@require_POST
@login_required
def reflection_draft(request, code):
    session, membership = _get_session_for_member(request, code)
    if session.status != SessionStatus.ENDED or session.started_at is None:
        raise Http404("No reflection for a session that didn't happen.")
    mine = Reflection.objects.filter(session=session, author=request.user).first()
    return core_autosave.save_text(
        request,
        key=f"reflection:{session.code}",
        fields=["noticed"],
        shown={"noticed": mine.noticed if mine else ""},
    )


@require_safe
@login_required
@fresh_writing
def letter(request):
    membership = request_membership(request)
    if membership is None:
        # Out of a couple (left, or the partner deleted their account): the person's own words.
        own = letters.own_writing(request.user)
        if not any(own.values()):
            raise Http404("Not in a couple.")
        return render(request, "repair/letter.html", own)
    return render(request, "repair/letter.html", _letter_context(request, membership))


def _my_letter(request) -> tuple[Letter, Membership]:
    membership = _require_membership(request)
    if not letters.can_write(membership):
        raise Http404("This letter is written by your partner.")
    return letters.letter_for(membership), membership


@autosaves
@require_POST
@login_required
def letter_draft(request):
    """Autosaved by the page (core.autosave); a plain post is the no-script fallback."""
    mine, membership = _my_letter(request)
    if "autosave_base" in request.POST:
        with transaction.atomic():
            locked = Letter.objects.select_for_update().get(pk=mine.pk)
            return core_autosave.save(
                request,
                fields=Letter.SECTIONS,
                current={name: getattr(locked, name) for name in Letter.SECTIONS},
                store=lambda sections: letters.save_draft(
                    letter=locked, sections=sections
                ),
            )
    form = LetterDraftForm(request.POST, instance=mine)
    if not form.is_valid():
        return render(
            request,
            "repair/letter.html",
            _letter_context(request, membership, draft_form=form),
            status=400,
        )
    letters.save_draft(
        letter=mine, sections={n: form.cleaned_data[n] for n in Letter.SECTIONS}
    )
    messages.success(request, "Your draft is saved. Only you can see it.")
    return redirect("repair:letter")


@require_POST
@login_required
def letter_send(request):
    mine, membership = _my_letter(request)
    form = LetterDraftForm(request.POST, instance=mine, require_all=True)
    if form.is_valid():
        letters.send(
            letter=mine, sections={n: form.cleaned_data[n] for n in Letter.SECTIONS}
        )
        messages.success(
            request,
            "Your letter is sent. Your partner will read it when they choose to.",
        )
        return redirect("repair:letter")
    # Keep what was typed as the draft, and show what's missing. A section the form refused for
    # another reason (too long, unreadable) keeps its earlier draft: the form left it untouched.
    letters.save_draft(
        letter=mine,
        sections={
            n: "" if form.has_error(n, "required") else getattr(mine, n)
            for n in Letter.SECTIONS
        },
    )
    return render(
        request,
        "repair/letter.html",
        _letter_context(request, membership, draft_form=form),
        status=400,
    )


@require_POST
@login_required
def letter_respond(request, code):
    membership = _require_membership(request)
    version = get_object_or_404(
        LetterVersion.objects.select_related("letter"),
        code=code,
        letter__couple_id=membership.couple_id,
    )
    form = LetterResponseForm(request.POST)
    if form.is_valid():
        try:
            letters.respond(
                version=version,
                membership=membership,
                kind=form.cleaned_data["kind"],
                missing=form.cleaned_data["missing"],
            )
        except letters.LetterError as error:
            raise PermissionDenied(str(error)) from error
        core_autosave.let_go(request.user, _response_key(version.letter))
        messages.success(request, "Thank you. Your answer is with your partner.")
        return redirect("repair:letter")
    return render(
        request,
        "repair/letter.html",
        _letter_context(request, membership, response_form=form),
        status=400,
    )


@autosaves
@require_POST
@login_required
def letter_response_draft(request, code):
    membership = _require_membership(request)
    version = get_object_or_404(
        LetterVersion.objects.select_related("letter"),
        code=code,
        letter__couple_id=membership.couple_id,
    )
    if not letters.can_witness(letter=version.letter, membership=membership):
        raise Http404("Only the partner the letter is written to answers it.")
    return core_autosave.save_text(
        request,
        key=_response_key(version.letter),
        fields=["missing"],
        shown={"missing": ""},
    )


# Question box -----------------------------------------------------------------------------------


def _questions_context(membership, ask_form=None, answer_forms=None) -> dict:
    user = membership.user
    questions = list(
        Question.objects.filter(couple_id=membership.couple_id)
        .select_related("asked_by")
        .prefetch_related("answers")
    )
    answer_forms = answer_forms or {}
    for q in questions:
        q.answer_list = list(q.answers.all())
        q.current_answer = q.answer_list[-1] if q.answer_list else None
        q.earlier_answers = list(reversed(q.answer_list[:-1]))
        q.mine = q.asked_by_id == membership.user_id
        field = f"{q.code}-text"
        shown = {field: q.current_answer.text if q.current_answer else ""}
        if not q.mine:
            shown = core_autosave.kept_text(user, f"answer:{q.code}", shown)
        q.answer_form = answer_forms.get(q.pk) or AnswerForm(
            initial={"text": shown[field]}, prefix=str(q.code)
        )
        q.answer_revision = core_autosave.revision(
            [q.answer_form["text"].value() or ""]
        )
    return {
        "membership": membership,
        "partner": partner_membership(membership),
        "questions": questions,
        "can_ask": questions_domain.can_ask(membership),
        "ask_form": ask_form or QuestionForm(),
    }


@require_safe
@login_required
@fresh_writing
def question_box(request):
    membership = request_membership(request)
    if membership is None:
        # Out of a couple: the questions the person asked and the answers they wrote, apart.
        own = questions_domain.own_writing(request.user)
        if not any(own.values()):
            raise Http404("Not in a couple.")
        return render(request, "repair/questions.html", own)
    context = _questions_context(membership)
    questions_domain.mark_read(membership=membership)
    return render(request, "repair/questions.html", context)


@require_POST
@login_required
def question_ask(request):
    membership = _require_membership(request)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            questions_domain.ask(membership=membership, text=form.cleaned_data["text"])
        except questions_domain.QuestionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, "Your question is in the box.")
        return redirect("repair:questions")
    return render(
        request,
        "repair/questions.html",
        _questions_context(membership, ask_form=form),
        status=400,
    )


def _get_question_for_member(request, code) -> tuple[Question, Membership]:
    membership = _require_membership(request)
    question = get_object_or_404(Question, code=code, couple_id=membership.couple_id)
    return question, membership


@require_POST
@login_required
def question_answer(request, code):
    question, membership = _get_question_for_member(request, code)
    form = AnswerForm(request.POST, prefix=str(question.code))
    if form.is_valid():
        try:
            questions_domain.answer(
                question=question, membership=membership, text=form.cleaned_data["text"]
            )
            core_autosave.let_go(request.user, f"answer:{question.code}")
        except questions_domain.QuestionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, "Your answer is saved. Thank you for being honest.")
        return redirect("repair:questions")
    return render(
        request,
        "repair/questions.html",
        _questions_context(membership, answer_forms={question.pk: form}),
        status=400,
    )


@autosaves
@require_POST
@login_required
def question_answer_draft(request, code):
    question, membership = _get_question_for_member(request, code)
    if not questions_domain.can_answer(question=question, membership=membership):
        raise Http404("Your partner answers the questions you ask.")
    latest = question.answers.order_by("-number").first()
    return core_autosave.save_text(
        request,
        key=f"answer:{question.code}",
        fields=[f"{question.code}-text"],
        shown={f"{question.code}-text": latest.text if latest else ""},
    )


@require_POST
@login_required
def question_settle(request, code):
    question, membership = _get_question_for_member(request, code)
    try:
        questions_domain.settle(
            question=question,
            membership=membership,
            settled=request.POST.get("settled") != "no",
        )
    except questions_domain.QuestionError as error:
        raise PermissionDenied(str(error)) from error
    return redirect("repair:questions")
