"""Choosing and creating the scheduled prompts (prompts after events: prompts.events; their emails:
prompts.emails). Every step is safe to repeat.

Scheduled prompts are created in bulk with the database's unique constraints as the guard:
(person, kind, local date) and at most one counted prompt per person per local day. A retried
task, a duplicated tick or two beat processes therefore never create a second prompt.
"""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q

from checkins.models import CheckIn, Light
from couples.models import Membership, Pause

from . import channels, emails, measures_due
from .models import (
    EmailOptOut,
    EmailStatus,
    Frequency,
    Kind,
    Preferences,
    Prompt,
    PromptText,
)
from .schedule import newest_due, next_due

BATCH_SIZE = 200
RECONNECT_AFTER_DAYS = 7


LINKS = {
    Kind.CHECKIN: "/checkins/",
    Kind.REFLECTION: "/checkins/history/",
    Kind.RECONNECT: "/repair/",
    Kind.SESSION: "/repair/",
    Kind.SHARED: "/inbox/",
    Kind.HEADS_UP: "/steady/heads-up/",
    Kind.INVITED: "/repair/",
    Kind.ASKED: "/repair/",
    Kind.MEASURES: "/measures/",
}

DEFAULT_TEXT = {
    Kind.CHECKIN: "A moment for today's check-in, whenever it suits you.",
    Kind.REFLECTION: "A quiet moment to look back on your week, if you'd like one.",
    Kind.RECONNECT: "There's an exercise waiting whenever you both feel like it. No rush.",
    Kind.SESSION: "The exercise you planned together is coming up soon.",
    Kind.SHARED: "Something new was shared with you.",
    Kind.HEADS_UP: "A hard date is coming up soon for your partner. No details, just a gentle heads-up.",
    Kind.INVITED: "Your partner has invited you to an exercise. Any answer is a good one, “not now” too.",
    Kind.ASKED: "Your partner has asked you something, to answer whenever it feels right.",
    Kind.MEASURES: "A few quiet questions are ready for you, whenever suits. Only you see your answers.",
}


def due_user_ids(*, now: datetime.datetime):
    """Everyone whose scheduled prompt is due: one indexed query, streamed."""
    return (
        Preferences.objects.filter(next_due_at__lte=now)
        .order_by()
        .values_list("user_id", flat=True)
        .iterator(chunk_size=5000)
    )


def active_texts() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    for kind, text in PromptText.objects.filter(active=True).values_list(
        "kind", "text"
    ):
        texts[kind].append(text)
    return texts


def text_for(
    texts: dict[str, list[str]], kind: str, *, user_id: int, day: datetime.date
) -> str:
    # Rotate by date so that consecutive days never repeat the same words.
    options = texts.get(kind) or [DEFAULT_TEXT[kind]]
    return options[(day.toordinal() + user_id) % len(options)]


def _is_reflection_day(frequency: str, day: datetime.date) -> bool:
    last_day_of_the_week = 4 if frequency == Frequency.FEW else 6
    return day.weekday() == last_day_of_the_week


def choose_kind(
    *,
    preferences: Preferences,
    day: datetime.date,
    in_couple: bool,
    closeness_allowed: bool,
    checked_in: bool,
    last_active: datetime.date | None,
    reconnected_recently: bool,
    measures_due: bool = False,
) -> str | None:
    """Which scheduled prompt, if any, suits this person today. None means: leave them be.

    The invitation to one's measures comes first: it is at most once a week, and a weekly
    reminder has no other day for it."""
    if measures_due:
        return Kind.MEASURES
    if _is_reflection_day(preferences.frequency, day):
        return Kind.REFLECTION
    inactive = last_active is None or (day - last_active).days >= RECONNECT_AFTER_DAYS
    if in_couple and closeness_allowed and inactive and not reconnected_recently:
        return Kind.RECONNECT
    if not checked_in:
        return Kind.CHECKIN
    return None


def deliver_scheduled(*, user_ids: list[int], now: datetime.datetime) -> list[int]:
    """Creates today's scheduled prompt for each due person and moves their schedule on.

    Returns the ids of prompts waiting to be emailed or pushed to a device (reach/). A constant
    number of queries per batch.
    """
    due = list(
        Preferences.objects.filter(
            user_id__in=user_ids, next_due_at__lte=now
        ).select_related("user")
    )
    if not due:
        return []
    for preferences in due:
        # Only the newest slot that is due is sent: days missed in an outage are skipped.
        preferences.next_due_at, preferences.next_local_date = newest_due(
            preferences, preferences.user.timezone, now=now
        )
    people = [p.user_id for p in due]
    days = {p.next_local_date for p in due}
    earliest = min(days) - datetime.timedelta(days=RECONNECT_AFTER_DAYS)
    # Everyone in a couple, with their couple and whether it is paused.
    memberships = {
        user_id: (couple_id, paused)
        for user_id, couple_id, paused in Membership.objects.active()
        .filter(user_id__in=people)
        .annotate(
            paused=Exists(
                Pause.objects.filter(
                    couple_id=OuterRef("couple_id"), ended_at__isnull=True
                )
            )
        )
        .values_list("user_id", "couple_id", "paused")
    }
    couple_paused = {user_id: paused for user_id, (_, paused) in memberships.items()}
    measure_keys = measures_due.due_keys(due, memberships)
    # Only the last week of check-ins matters: anything older leaves a person inactive, just as
    # having none does. The same rows give the day's light.
    todays_lights = {}
    last_checkin: dict[int, datetime.date] = {}
    for user_id, local_date, light in CheckIn.objects.filter(
        user_id__in=people, local_date__gte=earliest
    ).values_list("user_id", "local_date", "light"):
        if local_date in days:
            todays_lights[user_id, local_date] = light
        if local_date > last_checkin.get(user_id, datetime.date.min):
            last_checkin[user_id] = local_date
    last_reconnect = dict(
        Prompt.objects.filter(
            user_id__in=people, kind=Kind.RECONNECT, local_date__gte=earliest
        )
        .values_list("user_id")
        .annotate(last=Max("local_date"))
        .values_list("user_id", "last")
    )
    opted_out = set(
        EmailOptOut.objects.filter(user_id__in=people).values_list("user_id", "kind")
    )
    texts = active_texts()

    new_prompts = []
    for preferences in due:
        day = preferences.next_local_date
        in_couple = preferences.user_id in couple_paused
        light = todays_lights.get((preferences.user_id, day))
        last_login = preferences.user.last_login
        last_active = max(
            filter(
                None,
                [
                    last_checkin.get(preferences.user_id),
                    last_login and last_login.date(),
                ],
            ),
            default=None,
        )
        kind = choose_kind(
            preferences=preferences,
            day=day,
            in_couple=in_couple,
            closeness_allowed=in_couple
            and not couple_paused[preferences.user_id]
            and light != Light.RED,
            checked_in=light is not None,
            last_active=last_active,
            reconnected_recently=preferences.user_id in last_reconnect
            and (day - last_reconnect[preferences.user_id]).days < RECONNECT_AFTER_DAYS,
            measures_due=preferences.user_id in measure_keys,
        )
        if kind:
            new_prompts.append(
                Prompt(
                    user_id=preferences.user_id,
                    kind=kind,
                    # One invitation to measures per period; any other, one per day.
                    key=measure_keys[preferences.user_id]
                    if kind == Kind.MEASURES
                    else day.isoformat(),
                    local_date=day,
                    text=text_for(texts, kind, user_id=preferences.user_id, day=day),
                    link=LINKS[kind],
                    email_status=emails.email_status(preferences, kind, opted_out),
                )
            )
        preferences.next_due_at, preferences.next_local_date = next_due(
            preferences,
            preferences.user.timezone,
            from_date=day + datetime.timedelta(days=1),
        )
    with transaction.atomic():
        Prompt.objects.bulk_create(new_prompts, ignore_conflicts=True)
        _move_schedules_on(due)
    return list(
        Prompt.objects.filter(user_id__in=people, local_date__in=days)
        .filter(
            Q(email_status=EmailStatus.PENDING) | channels.reached_elsewhere(people)
        )
        .values_list("pk", flat=True)
    )


def _move_schedules_on(due: list[Preferences]) -> None:
    """Stores each person's next due time and date in one statement.

    bulk_update() builds a CASE with a branch per row and field; for a batch of 200 that cost more
    than everything else in the batch. On PostgreSQL three arrays carry the values instead, so the
    statement text never changes and the connection prepares it once.
    """
    if connection.vendor != "postgresql":
        Preferences.objects.bulk_update(due, ["next_due_at", "next_local_date"])
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(Preferences._meta.db_table)} AS p"
            " SET next_due_at = v.due, next_local_date = v.day"
            " FROM unnest(%s::bigint[], %s::timestamptz[], %s::date[]) AS v (id, due, day)"
            " WHERE p.id = v.id",
            [
                [p.pk for p in due],
                [p.next_due_at for p in due],
                [p.next_local_date for p in due],
            ],
        )
