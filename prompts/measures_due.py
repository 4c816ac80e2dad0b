"""The gentle invitation to one's measures, on the cadence the couple chose (measures.cadence).

It is one of the scheduled prompts (prompts.sending): it comes at the person's own prompt hour, on
a day their reminders allow, and takes that day's one counted prompt, so quiet hours, "not at all"
and the one-a-day limit hold as for every other. Once per person and period: the period's key
(measures.cadence.prompt_key) is the idempotency key, so a retry or a second tick sends nothing
new. It waits while the couple pauses and stops when the person leaves (no couple, no cadence);
if another prompt took the day, it comes on the next.

Its words say only that a few questions are ready: never what they are about.
"""

import datetime

from measures import cadence

from .models import Kind, Prompt


def due_keys(
    days: dict[int, datetime.date], memberships: dict[int, tuple[int, bool]]
) -> dict[int, str]:
    """Whose invitation is due today, with its key: {user id: key}.

    `days` is each person's local date; `memberships` each coupled person's (couple id, paused).
    At most two queries, none when no one is in a couple with a cadence switched on.
    """
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
    return {
        user_id: key for user_id, key in keys.items() if (user_id, key) not in already
    }
