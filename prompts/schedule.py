"""When each person's next scheduled prompt is due, worked out in their own time zone.

A person gets one scheduled prompt per local date, at the first valid instant at or after their
chosen hour: at a spring-forward gap that is the moment the clocks jump; at a fall-back overlap it
is the first of the two moments. The result is stored in UTC so the tick can find who is due with
one indexed query.
"""

import datetime
import zoneinfo

from .models import Frequency, Preferences

UTC = datetime.UTC
FEW_TIMES_A_WEEK = {0, 2, 4}  # Monday, Wednesday, Friday
ONCE_A_WEEK = 6  # Sunday


def runs_on(frequency: str, day: datetime.date) -> bool:
    if frequency == Frequency.DAILY:
        return True
    if frequency == Frequency.FEW:
        return day.weekday() in FEW_TIMES_A_WEEK
    if frequency == Frequency.WEEKLY:
        return day.weekday() == ONCE_A_WEEK
    return False


def first_instant_at_or_after(
    day: datetime.date, hour: int, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """The first UTC instant whose local wall time in `zone` is at or after `day` `hour`:00."""
    wall = datetime.datetime.combine(day, datetime.time(hour))
    first = wall.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return first.astimezone(
            UTC
        )  # the time exists (if it happens twice, this is the first)
    # The wall time falls in a gap: step through the gap to the moment the clocks jump.
    moment = min(
        first.astimezone(UTC), wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    )
    while moment.astimezone(zone).replace(tzinfo=None) < wall:
        moment += datetime.timedelta(minutes=1)
    return moment


def next_due(
    preferences: Preferences, zone_name: str, *, from_date: datetime.date
) -> tuple[datetime.datetime | None, datetime.date | None]:
    """The first prompt on or after `from_date` that the frequency allows: (UTC instant, local date)."""
    if preferences.frequency == Frequency.OFF:
        return None, None
    zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    for offset in range(8):
        day = from_date + datetime.timedelta(days=offset)
        if runs_on(preferences.frequency, day):
            return first_instant_at_or_after(day, preferences.prompt_hour, zone), day
    return None, None


def reschedule(
    preferences: Preferences, zone_name: str, *, now: datetime.datetime
) -> None:
    """Sets the next prompt after a change of preferences: today if its time is still ahead, else later."""
    zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    today = now.astimezone(zone).date()
    due, day = next_due(preferences, zone_name, from_date=today)
    if due is not None and due <= now:
        due, day = next_due(
            preferences, zone_name, from_date=today + datetime.timedelta(days=1)
        )
    preferences.next_due_at, preferences.next_local_date = due, day


def newest_due(
    preferences: Preferences, zone_name: str, *, now: datetime.datetime
) -> tuple[datetime.datetime | None, datetime.date | None]:
    """The newest slot due at `now`, never earlier than the stored one: after an outage (a tick
    that did not run, a worker that was down) the prompts for missed days are skipped, not sent in
    a burst. Looks back no further than a week before today, which covers every frequency."""
    due, day = preferences.next_due_at, preferences.next_local_date
    if due is None or day is None or due > now:
        return due, day
    zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    week_ago = now.astimezone(zone).date() - datetime.timedelta(days=7)
    if day < week_ago:
        earliest, earliest_day = next_due(preferences, zone_name, from_date=week_ago)
        if earliest is not None and earliest <= now:
            due, day = earliest, earliest_day
    while True:
        later, later_day = next_due(
            preferences, zone_name, from_date=day + datetime.timedelta(days=1)
        )
        if later is None or later > now:
            return due, day
        due, day = later, later_day
