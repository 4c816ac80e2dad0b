"""Site-level pages that sit above every app: the home page and the health check."""

import logging

from django.contrib.auth import logout
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import resolve
from django.views.decorators.http import require_POST, require_safe

from checkins import daily
from config.celery import app as celery_app
from couples import endings
from couples.access import partner_membership, request_membership
from couples.forms import RoleForm
from couples.invitation_panel import panel_context
from journal import sharing
from repair import own_writing, sessions
from repair.journey import journey_for
from therapists.standing import APPROVED, WAITING, standing_of

from .first_step import first_step_for


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    membership = request_membership(request)
    if membership is None and (therapist_home := _therapist_home(request)):
        return therapist_home
    partner = partner_membership(membership) if membership else None
    my_checkin, partners_checkin = daily.todays_checkins(request.user, partner)
    context = {
        "membership": membership,
        "partner": partner,
        "start_form": RoleForm(),
        "my_checkin": my_checkin,
        "partner_today": daily.partner_today(
            mine=my_checkin, partner=partner, theirs=partners_checkin
        ),
    }
    if membership:
        context["journey"] = journey_for(membership.couple)
        context["first_step"] = first_step_for(
            request.user, membership, context["journey"]
        )
    if partner:
        context["shared_with_me"] = sharing.recently_shared_by(partner)
    if membership and partner is None:
        context |= panel_context(request, membership)
    if membership is None and (ending := endings.recent_ending(request.user)):
        context["ending"] = ending
        context["repair_writing"] = own_writing.described(request.user)
    return render(request, "home.html", context)


def _therapist_home(request):
    """A therapist's home is their own: their couples once approved, their registration until then.
    Never a partner's start page, which would ask them about their part in a betrayal."""
    standing = standing_of(request)
    if standing == APPROVED:
        return redirect("therapists:dashboard")
    if standing == WAITING:
        return redirect("therapists:register")
    return None


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


# Each check gives up within a second, so a down or frozen Redis makes the answer a quick 503
# rather than a request the load balancer times out on.
BROKER_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write(
            transport_options=BROKER_TIMEOUTS
        ) as broker:
            broker.ensure_connection(max_retries=0, timeout=1)
        return True
    except Exception:
        return False


@require_safe
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    body = {
        name: "ok" if healthy else "unavailable" for name, healthy in checks.items()
    }
    body["status"] = "ok" if all(checks.values()) else "degraded"
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


@require_POST
def quick_exit(request):
    """Ends the session. The page calls this with a beacon as it leaves for the neutral site.

    A page with unsaved writing adds it to the same beacon, with the address it autosaves to: it
    is saved first, through that autosave view, then the session ends. One request, so the save
    can't arrive after the sign-out and be refused. Nothing about the save may stop the sign-out.
    """
    if request.user.is_authenticated and request.POST.get("autosave"):
        try:
            match = resolve(request.POST["autosave"])
            if getattr(match.func, "autosaves", False):
                match.func(request, *match.args, **match.kwargs)
        except Exception as error:
            # The type only: the message could quote what the person wrote.
            logging.getLogger(__name__).warning(
                "Quick exit couldn't save the writing: %s", type(error).__name__
            )
    if request.user.is_authenticated:
        # Leaving ends any session the person is in, so the partner's screen doesn't go on
        # showing their last light as if it still stood.
        try:
            sessions.end_for_person(user=request.user)
        except Exception as error:
            logging.getLogger(__name__).warning(
                "Quick exit couldn't end a session: %s", type(error).__name__
            )
    logout(request)
    return HttpResponse(status=204)
