"""After an outage, the prompts for missed days are not sent in a burst: one tick sends only the
newest due slot, and the missed ones are never sent later."""

import datetime
import zoneinfo

import pytest
import time_machine

from prompts import tasks
from prompts.models import Frequency, Preferences, Prompt
from prompts.preferences import preferences_for
from prompts.schedule import first_instant_at_or_after

pytestmark = pytest.mark.django_db

# A Wednesday; the clock is moved here, so the tests never depend on today's date.
WEDNESDAY_NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
HOUR = 9


def missed_since(user, days: int, *, frequency=Frequency.DAILY) -> None:
    """The person's next prompt was due `days` days ago and no tick has run since."""
    user.timezone = "Europe/Berlin"
    user.save(update_fields=["timezone"])
    preferences = preferences_for(user)
    preferences.frequency = frequency
    preferences.prompt_hour = HOUR
    day = WEDNESDAY_NOON.date() - datetime.timedelta(days=days)
    preferences.next_local_date = day
    preferences.next_due_at = first_instant_at_or_after(
        day, HOUR, zoneinfo.ZoneInfo("Europe/Berlin")
    )
    preferences.save()


def tick_at(moment: datetime.datetime) -> None:
    with time_machine.travel(moment, tick=False):
        tasks.tick()


def test_one_tick_after_three_missed_days_sends_only_todays_prompt(alice):
    missed_since(alice, 3)
    tick_at(WEDNESDAY_NOON)
    assert list(Prompt.objects.values_list("local_date", flat=True)) == [
        WEDNESDAY_NOON.date()
    ]


def test_the_missed_days_are_never_sent_later(alice):
    missed_since(alice, 3)
    for minutes in (0, 5, 10, 60):
        tick_at(WEDNESDAY_NOON + datetime.timedelta(minutes=minutes))
    assert Prompt.objects.count() == 1
    tick_at(WEDNESDAY_NOON + datetime.timedelta(days=1))  # Thursday's slot, on time
    assert sorted(Prompt.objects.values_list("local_date", flat=True)) == [
        WEDNESDAY_NOON.date(),
        WEDNESDAY_NOON.date() + datetime.timedelta(days=1),
    ]
    preferences = Preferences.objects.get(user=alice)
    assert preferences.next_local_date == WEDNESDAY_NOON.date() + datetime.timedelta(
        days=2
    )


def test_a_weekly_prompt_missed_for_weeks_comes_once(alice):
    missed_since(
        alice, 24, frequency=Frequency.WEEKLY
    )  # a Sunday, three weeks back and more
    tick_at(WEDNESDAY_NOON)
    [prompt] = Prompt.objects.all()
    assert prompt.local_date == datetime.date(2026, 11, 22)  # the Sunday just gone
    tick_at(WEDNESDAY_NOON + datetime.timedelta(hours=1))
    assert Prompt.objects.count() == 1


def test_a_prompt_not_yet_due_is_left_alone(alice):
    missed_since(alice, 0)
    tick_at(WEDNESDAY_NOON.replace(hour=6))  # 07:00 in Berlin, before the chosen hour
    assert not Prompt.objects.exists()
