"""Quiet hours hold from their first minute to their last: "quiet from 22:00 until 07:00" means
22:00 is quiet and 07:00 is not, in the person's own zone, on any day including a clock change."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail

from prompts import emails
from prompts.forms import PreferencesForm
from prompts.models import EmailStatus, Kind, Preferences, Prompt
from prompts.preferences import preferences_for
from tests.accounts.factories import UserFactory

QUIET = "quiet hours"
SENT = "sent"

# (zone, quiet from, quiet until, the moment as local time with its offset, what happens)
CASES = [
    # A window within one day, on a day with no clock change.
    ("Europe/London", 13, 15, "2026-11-25T12:59+00:00", SENT),
    ("Europe/London", 13, 15, "2026-11-25T13:00+00:00", QUIET),  # exactly the start
    ("Europe/London", 13, 15, "2026-11-25T13:30+00:00", QUIET),  # the first hour
    ("Europe/London", 13, 15, "2026-11-25T14:59+00:00", QUIET),  # the last minute
    ("Europe/London", 13, 15, "2026-11-25T15:00+00:00", SENT),  # exactly the end
    # A window that wraps past midnight.
    ("America/New_York", 22, 7, "2026-11-25T21:59-05:00", SENT),
    ("America/New_York", 22, 7, "2026-11-25T22:00-05:00", QUIET),
    ("America/New_York", 22, 7, "2026-11-25T22:59-05:00", QUIET),
    ("America/New_York", 22, 7, "2026-11-25T23:59-05:00", QUIET),
    ("America/New_York", 22, 7, "2026-11-26T00:00-05:00", QUIET),
    ("America/New_York", 22, 7, "2026-11-26T06:59-05:00", QUIET),
    ("America/New_York", 22, 7, "2026-11-26T07:00-05:00", SENT),
    # London springs forward at 01:00 GMT on 29 March 2026: the night is an hour shorter, and
    # 06:59 BST is 05:59 UTC, 07:00 BST is 06:00 UTC.
    ("Europe/London", 22, 7, "2026-03-28T21:59+00:00", SENT),
    ("Europe/London", 22, 7, "2026-03-28T22:00+00:00", QUIET),
    ("Europe/London", 22, 7, "2026-03-29T00:59+00:00", QUIET),
    ("Europe/London", 22, 7, "2026-03-29T02:00+01:00", QUIET),
    ("Europe/London", 22, 7, "2026-03-29T06:59+01:00", QUIET),
    ("Europe/London", 22, 7, "2026-03-29T07:00+01:00", SENT),
    # Quiet from 01:00 to 03:00 on that day: 01:00–01:59 never happens, 02:00 BST comes first.
    ("Europe/London", 1, 3, "2026-03-29T00:59+00:00", SENT),
    ("Europe/London", 1, 3, "2026-03-29T02:00+01:00", QUIET),
    ("Europe/London", 1, 3, "2026-03-29T02:59+01:00", QUIET),
    ("Europe/London", 1, 3, "2026-03-29T03:00+01:00", SENT),
    # London falls back at 02:00 BST on 25 October 2026: 01:00–01:59 happens twice, quiet both times.
    ("Europe/London", 1, 2, "2026-10-25T00:59+01:00", SENT),
    ("Europe/London", 1, 2, "2026-10-25T01:00+01:00", QUIET),
    ("Europe/London", 1, 2, "2026-10-25T01:59+01:00", QUIET),
    ("Europe/London", 1, 2, "2026-10-25T01:00+00:00", QUIET),
    ("Europe/London", 1, 2, "2026-10-25T01:59+00:00", QUIET),
    ("Europe/London", 1, 2, "2026-10-25T02:00+00:00", SENT),
    # Sydney springs forward at 02:00 on 4 October 2026; a wrapping window across it.
    ("Australia/Sydney", 22, 7, "2026-10-03T22:00+10:00", QUIET),
    ("Australia/Sydney", 22, 7, "2026-10-04T06:59+11:00", QUIET),
    ("Australia/Sydney", 22, 7, "2026-10-04T07:00+11:00", SENT),
]


def _case_id(case) -> str:
    zone, start, end, moment, _ = case
    return f"{zone}-{start:02d}to{end:02d}-{moment}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "quiet_start", "quiet_end", "moment", "expected"),
    CASES,
    ids=[_case_id(c) for c in CASES],
)
def test_an_email_waits_from_the_first_to_the_last_minute_of_quiet_hours(
    zone, quiet_start, quiet_end, moment, expected
):
    now = datetime.datetime.fromisoformat(moment)
    # The case's offset is the zone's own at that moment, so the case says what it means.
    assert now.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() == now.utcoffset()
    with time_machine.travel(now, tick=False):
        user = UserFactory(timezone=zone)
        preferences = preferences_for(user)
        preferences.email = True
        preferences.quiet_start, preferences.quiet_end = quiet_start, quiet_end
        preferences.save()
        prompt = Prompt.objects.create(
            user=user,
            kind=Kind.CHECKIN,
            key="k",
            local_date=now.date(),
            text="A moment for today's check-in.",
            email_status=EmailStatus.PENDING,
        )
        assert emails.email_prompt(prompt_id=prompt.pk, now=now) == expected
    prompt.refresh_from_db()
    if expected == QUIET:
        assert mail.outbox == []
        assert prompt.email_status == EmailStatus.PENDING  # sent once quiet hours end
    else:
        assert len(mail.outbox) == 1
        assert prompt.email_status == EmailStatus.SENT


@pytest.mark.parametrize(
    ("quiet_start", "quiet_end", "quiet"),
    [
        (22, 7, {22, 23, 0, 1, 2, 3, 4, 5, 6}),
        (13, 15, {13, 14}),
        (0, 7, {0, 1, 2, 3, 4, 5, 6}),
        (23, 0, {23}),
        (0, 23, set(range(23))),
        (9, 9, set()),  # the same hour twice turns quiet hours off
    ],
)
def test_quiet_hours_are_the_start_hour_up_to_but_not_including_the_end_hour(
    quiet_start, quiet_end, quiet
):
    preferences = Preferences(quiet_start=quiet_start, quiet_end=quiet_end)
    assert {h for h in range(24) if preferences.in_quiet_hours(h)} == quiet


@pytest.mark.parametrize(
    ("prompt_hour", "accepted"),
    [(21, True), (22, False), (6, False), (7, True)],
)
def test_a_prompt_time_may_be_the_hour_quiet_ends_but_not_the_hour_it_starts(
    prompt_hour, accepted
):
    form = PreferencesForm(
        data={
            "frequency": "daily",
            "prompt_hour": prompt_hour,
            "quiet_start": 22,
            "quiet_end": 7,
            "timezone": "Europe/London",
        }
    )
    assert form.is_valid() is accepted, form.errors
