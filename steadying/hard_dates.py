"""Hard dates: days that hurt (the day of discovery, a trip, an anniversary of what happened).

A hard date is its owner's alone. What it is never leaves their own pages. If they choose, their
partner is told a few days before that a hard date is coming, and nothing more: no name, no
reason, not even which day. prompts.heads_up sends that heads-up; this module keeps the dates and
works out when each comes round.

A date repeats every year. 29 February falls on 28 February in the years without one.
"""

import calendar
import datetime

from django.db import transaction

from core.dates import local_today

from .models import HardDate

MONTHS = [calendar.month_name[n] for n in range(1, 13)]
DAYS_BEFORE_CHOICES = [
    (n, f"{n} day{'s' if n > 1 else ''} before") for n in range(1, 8)
]
# The widest gap between the UTC date and a local date anywhere (UTC+14 is a day ahead of UTC).
EARLIEST_ZONE_LEAD = datetime.timedelta(days=1)


def occurrence_in(year: int, month: int, day: int) -> datetime.date:
    """The date in `year`; a day the month doesn't have that year falls on its last day."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrence_on_or_after(
    month: int, day: int, from_date: datetime.date
) -> datetime.date:
    this_year = occurrence_in(from_date.year, month, day)
    if this_year >= from_date:
        return this_year
    return occurrence_in(from_date.year + 1, month, day)


def schedule(hard_date: HardDate, *, from_date: datetime.date) -> None:
    """Sets the next occurrence on or after `from_date`, and when the tick should look at it."""
    hard_date.next_occurrence = occurrence_on_or_after(
        hard_date.month, hard_date.day, from_date
    )
    hard_date.next_check_on = (
        hard_date.next_occurrence
        - datetime.timedelta(days=hard_date.days_before)
        - EARLIEST_ZONE_LEAD
    )


def move_on(hard_date: HardDate) -> None:
    """This year's occurrence is dealt with: look at next year's."""
    schedule(
        hard_date,
        from_date=hard_date.next_occurrence + datetime.timedelta(days=1),
    )


def dates_of(user) -> list[HardDate]:
    return list(HardDate.objects.filter(owner=user))


@transaction.atomic
def save_date(
    *,
    owner,
    label: str,
    day: int,
    month: int,
    heads_up: bool,
    days_before: int,
) -> HardDate:
    hard_date = HardDate(owner=owner)
    hard_date.label = label
    hard_date.month, hard_date.day = month, day
    hard_date.heads_up = heads_up
    hard_date.days_before = days_before
    schedule(hard_date, from_date=local_today(owner))
    hard_date.save()
    return hard_date


def set_heads_up(hard_date: HardDate, *, heads_up: bool) -> None:
    """Turns the heads-up on or off without touching the date; it needs nobody else's say."""
    hard_date.heads_up = heads_up
    schedule(hard_date, from_date=local_today(hard_date.owner))
    hard_date.save(update_fields=["heads_up", "next_occurrence", "next_check_on"])


def forget(hard_date: HardDate) -> None:
    hard_date.delete()
