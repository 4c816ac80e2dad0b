"""Exercise sessions: the live room, answering an invitation, ending, and the reflection afterwards."""

from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HTMX_STOP_POLLING

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from repair import live, reflections, sessions
from repair.forms import ReflectionForm, SuggestTimeForm
from repair.models import Reflection, SessionStatus

from ._lookups import (
    session_for_member,
    zone_of,
)

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
@vary_on_headers("HX-Request")
def session_room(request, code):
    session, membership = session_for_member(request, code)
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
    session, membership = session_for_member(request, code)
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
    session, membership = session_for_member(request, code)
    try:
        session = step(session=session, user=request.user, **kwargs)
    except sessions.SessionError as error:
        if not request.htmx:
            messages.info(request, str(error))
            return redirect("repair:session", code=code)
        session, membership = session_for_member(request, code)
        return _render_room(request, session, membership, notice=str(error))
    if not request.htmx:
        return redirect("repair:session", code=code)
    session, membership = session_for_member(request, code)
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
        form = SuggestTimeForm(request.POST, zone_name=zone_of(request))
        if form.is_valid():
            return _session_step(
                request,
                code,
                sessions.suggest_time,
                planned_for=form.cleaned_data["planned_for"],
            )
        session, membership = session_for_member(request, code)
        # htmx only swaps successful answers, so the form comes back with a 200 there.
        return _render_room(
            request,
            session,
            membership,
            status=200 if request.htmx else 400,
            suggest_form=form,
        )
    session, membership = session_for_member(request, code)
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
    session, membership = session_for_member(request, code)
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
        reflections.save_reflection(
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


@autosaves
@require_POST
@login_required
def reflection_draft(request, code):
    session, membership = session_for_member(request, code)
    if session.status != SessionStatus.ENDED or session.started_at is None:
        raise Http404("No reflection for a session that didn't happen.")
    mine = Reflection.objects.filter(session=session, author=request.user).first()
    return core_autosave.save_text(
        request,
        key=f"reflection:{session.code}",
        fields=["noticed"],
        shown={"noticed": mine.noticed if mine else ""},
    )
