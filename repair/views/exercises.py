"""An exercise's page, marking it done, and inviting the partner to do it together."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from couples.access import partner_membership
from repair import done_marks, sessions, testing
from repair.forms import InviteForm
from repair.models import ExerciseDone

from ._lookups import (
    exercise_for_member,
    zone_of,
)

# Exercises -------------------------------------------------------------------------------------


def _exercise_context(membership, exercise, invite_form=None) -> dict:
    partner = partner_membership(membership)
    # A red day for the partner holds back invitations to closeness; yellow asks to ask first.
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
    testing_holds = (
        exercise.is_together
        and testing.gates(exercise)
        and testing.holds_back(couple_id=membership.couple_id)
    )
    paused_for_this = exercise.is_together and (
        membership.i_am_paused or membership.partner_is_paused
    )
    return {
        "membership": membership,
        "partner": partner,
        "exercise": exercise,
        "invite_form": invite_form or InviteForm(),
        "red_hold": sessions.red_day_message(partner.user.display_name)
        if red_hold
        else "",
        "ask_first": partner_light == "yellow",
        "testing_holds": testing_holds,
        "paused_for_this": paused_for_this,
        # The invitation form is on this page: the exercise's list of tools points to it.
        "can_invite": exercise.is_together
        and bool(partner)
        and not paused_for_this
        and not testing_holds
        and not red_hold,
        "for_me": exercise.is_for(membership.role),
        "done_by_me": membership.user_id in done_by,
        "done_by_partner": bool(partner)
        and exercise.is_for(partner.role)
        and bool(done_by - {membership.user_id}),
    }


@require_safe
@login_required
def exercise_detail(request, code):
    exercise, membership = exercise_for_member(request, code)
    return render(
        request, "repair/exercise.html", _exercise_context(membership, exercise)
    )


@require_POST
@login_required
def exercise_done(request, code):
    exercise, membership = exercise_for_member(request, code)
    if not exercise.is_for(membership.role):
        # Only the person a solo exercise is for says whether they have done it.
        raise PermissionDenied("This exercise is your partner's to mark.")
    done = request.POST.get("done") != "no"
    done_marks.mark_done(membership=membership, exercise=exercise, done=done)
    return redirect("repair:exercise", code=exercise.code)


@require_POST
@login_required
def invite(request, code):
    exercise, membership = exercise_for_member(request, code)
    form = InviteForm(request.POST, zone_name=zone_of(request))
    if form.is_valid():
        try:
            session = sessions.invite(
                membership=membership,
                exercise=exercise,
                planned_for=form.cleaned_data["planned_for"],
            )
        except sessions.RedDayError:
            pass  # the page says so kindly, in place of the invitation form
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
