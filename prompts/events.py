"""Prompts caused by something that happened: a share, something that waits for an answer, a
session the couple planned. Each event gives one prompt, keyed by what happened; only shared journal
entries share the day's one gentle prompt."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from checkins.models import CheckIn, Light
from core.dates import local_today
from couples.models import Membership, Pause
from repair.models import ExerciseSession, SessionStatus

from . import channels, emails
from .models import (
    CLOSENESS_KINDS,
    EmailOptOut,
    EmailStatus,
    Frequency,
    Kind,
    Preferences,
    Prompt,
)
from .sending import LINKS, active_texts, text_for


def link_for_event(key: str, kind: str) -> str:
    """Where a prompt about an event leads; worked out from the event key, never from anyone's words."""
    prefix, _, ident = key.partition(":")
    if prefix == "entry":
        return reverse("journal:shared_entry", args=[ident])
    if prefix in ("letter", "reply"):
        return reverse("repair:letter")
    if prefix in ("answer", "question"):
        return reverse("repair:questions")
    if prefix == "move":
        return reverse("repair:index")
    if prefix == "session":
        return reverse("repair:session", args=[ident])
    return LINKS[kind]


# Journal entries, however many are shared in a day, bring one note that day.
ONE_A_DAY_PREFIX = "entry:"


def deliver_event(*, user_id: int, kind: str, key: str) -> int | None:
    """A prompt caused by something that happened (a share, an invitation, a question, a planned
    session). Returns its id if it needs an email or a push.

    Each event gives one prompt (the key). Shared journal entries bring at most one a day (they
    share the day's one gentle prompt); anything else, such as something that waits for an answer
    or a reminder the person asked for, always arrives and never uses up that prompt."""
    preferences = (
        Preferences.objects.select_related("user").filter(user_id=user_id).first()
    )
    if (
        preferences is None
        or preferences.frequency == Frequency.OFF
        and kind != Kind.SESSION
    ):
        return None
    user = preferences.user
    membership = Membership.objects.active().filter(user_id=user_id).first()
    if membership is None:
        return None  # couple prompts stop when a person leaves the couple
    today = local_today(user)
    if kind in CLOSENESS_KINDS and (
        Pause.objects.filter(
            couple_id=membership.couple_id, ended_at__isnull=True
        ).exists()
        or CheckIn.objects.filter(
            user_id=user_id, local_date=today, light=Light.RED
        ).exists()
    ):
        return None
    opted_out = set(
        EmailOptOut.objects.filter(user_id=user_id).values_list("user_id", "kind")
    )
    try:
        with transaction.atomic():
            prompt = Prompt.objects.create(
                user_id=user_id,
                kind=kind,
                key=key,
                local_date=today,
                counts_toward_daily_limit=key.startswith(ONE_A_DAY_PREFIX),
                text=text_for(active_texts(), kind, user_id=user_id, day=today),
                link=link_for_event(key, kind),
                email_status=emails.email_status(preferences, kind, opted_out),
            )
    except IntegrityError:
        return None  # already sent for this event (or, for an entry, today's prompt is given)
    if (
        prompt.email_status == EmailStatus.PENDING
        or Prompt.objects.filter(
            channels.reached_elsewhere([user_id]), pk=prompt.pk
        ).exists()
    ):
        return prompt.pk
    return None


REMINDER_AHEAD = datetime.timedelta(minutes=15)


def sessions_starting_soon(*, now: datetime.datetime):
    """Planned, accepted sessions that begin within the next quarter of an hour (an indexed range)."""
    return (
        ExerciseSession.objects.filter(
            status=SessionStatus.ACCEPTED,
            planned_for__gt=now,
            planned_for__lte=now + REMINDER_AHEAD,
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def deliver_session_reminders(*, session_ids: list[int]) -> list[int]:
    """A reminder to both partners of each planned session, once per person and session."""
    pending = []
    for code, inviter_id, invitee_id in ExerciseSession.objects.filter(
        pk__in=session_ids, status=SessionStatus.ACCEPTED
    ).values_list("code", "inviter_id", "invitee_id"):
        for user_id in (inviter_id, invitee_id):
            prompt_id = deliver_event(
                user_id=user_id, kind=Kind.SESSION, key=f"session:{code}"
            )
            if prompt_id:
                pending.append(prompt_id)
    return pending
