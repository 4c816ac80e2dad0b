"""The gentle invitation to one's measures, on the cadence the couple chose (measures.cadence).

It is one of the scheduled prompts (prompts.sending): it comes at the person's own prompt hour, on
a day their reminders allow, and takes that day's one counted prompt, so quiet hours, "not at all"
and the one-a-day limit hold as for every other. Once per person and period: the period's key
(measures.cadence.prompt_key) is the idempotency key, so a retry or a second tick sends nothing
new. It waits while the couple pauses and stops when the person leaves (no couple, no cadence);
if another prompt took the day, it comes on the next. Someone who has already answered a measure
in the period (of their own accord) isn't invited to it again.

Its words say only that a few questions are ready: never what they are about.
"""

import datetime
import zoneinfo

from django.db.models import Max

from measures import cadence
from measures.models import Response

from .models import Kind, Preferences, Prompt


def due_keys(
    due: list[Preferences], memberships: dict[int, tuple[int, bool]]
) -> dict[int, str]:
    """Whose invitation is due today, with its key: {user id: key}.

    `due` are the people whose scheduled prompt is due, each with their local date
    (next_local_date) and user; `memberships` each coupled person's (couple id, paused). At most
    three queries, none when no one is in a couple with a cadence switched on.
    """
    days = {p.user_id: p.next_local_date for p in due}
    waiting = {
        user_id: couple_id
        for user_id, (couple_id, paused) in memberships.items()
        if not paused and user_id in days
    }
    if not waiting:
        return {}
    weeks = cadence.weeks_by_couple(set(waiting.values()))
    keys = {
        user_id: cadence.prompt_key(weeks[couple_id], days[user_id])
        for user_id, couple_id in waiting.items()
        if couple_id in weeks
    }
    if not keys:
        return {}
    already = set(
        Prompt.objects.filter(
            user_id__in=keys, kind=Kind.MEASURES, key__in=set(keys.values())
        ).values_list("user_id", "key")
    )
    starts = _period_starts(due, keys, weeks, waiting)
    answered = dict(
        Response.objects.filter(person_id__in=keys, taken_at__gte=min(starts.values()))
        .values_list("person_id")
        .annotate(last=Max("taken_at"))
        .values_list("person_id", "last")
    )
    return {
        user_id: key
        for user_id, key in keys.items()
        if (user_id, key) not in already
        and not (user_id in answered and answered[user_id] >= starts[user_id])
    }


def _period_starts(due, keys, weeks, couples) -> dict[int, datetime.datetime]:
    """When each person's current period began: midnight of its first day, in their time zone."""
    starts = {}
    for preferences in due:
        if preferences.user_id not in keys:
            continue
        first = cadence.period_start(
            weeks[couples[preferences.user_id]], preferences.next_local_date
        )
        zone = zoneinfo.ZoneInfo(preferences.user.timezone or "UTC")
        starts[preferences.user_id] = datetime.datetime.combine(
            first, datetime.time.min, tzinfo=zone
        )
    return starts
