"""The heads-up before a partner's hard date (steadying.HardDate, when its owner asked for one).

It says only that a hard date is coming: never which one, what it is, or even the day. It arrives
at the partner's own prompt hour, in their own time zone, `days_before` days ahead of the date; if
that moment has passed (a date added late, a worker that was down), it comes at the next tick as
long as the date itself has not gone by for them.

Like the flooded card, it is something the person set up themselves, so it doesn't use up the one
gentle prompt a day and "not at all" reminders don't silence it. A pause holds it back (pausing
means nothing from the app about the couple for now); it goes when the pause ends, if the date is
still ahead. Emails are discreet and wait out quiet hours, like every other prompt email.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from couples.models import Membership, Pause
from steadying.hard_dates import move_on
from steadying.models import HardDate

from . import channels
from .models import EmailOptOut, EmailStatus, Kind, Preferences, Prompt
from .preferences import preferences_for
from .schedule import first_instant_at_or_after
from .sending import DEFAULT_TEXT, LINKS

User = get_user_model()
SCHEDULE_FIELDS = (
    "code",
    "owner_id",
    "month",
    "day",
    "days_before",
    "next_occurrence",
    "next_check_on",
)


def due_ids(*, now: datetime.datetime):
    """Hard dates whose heads-up may be due somewhere in the world today: one indexed range."""
    return (
        HardDate.objects.filter(heads_up=True, next_check_on__lte=now.date())
        .order_by()
        .values_list("pk", flat=True)
    )


def heads_up_instant(
    occurrence: datetime.date, days_before: int, hour: int, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """When the heads-up is due: the partner's prompt hour, `days_before` days ahead, in their zone."""
    return first_instant_at_or_after(
        occurrence - datetime.timedelta(days=days_before), hour, zone
    )


def _partners(owner_ids) -> dict[int, tuple[int, bool]]:
    """Each owner's current partner and whether their couple is paused, in three queries."""
    couple_ids = (
        Membership.objects.active().filter(user_id__in=owner_ids).values("couple_id")
    )
    by_couple: dict[int, list[int]] = {}
    for couple_id, user_id in (
        Membership.objects.active()
        .filter(couple_id__in=couple_ids)
        .values_list("couple_id", "user_id")
    ):
        by_couple.setdefault(couple_id, []).append(user_id)
    paused = set(
        Pause.objects.filter(
            couple_id__in=by_couple, ended_at__isnull=True
        ).values_list("couple_id", flat=True)
    )
    partners = {}
    for couple_id, members in by_couple.items():
        for owner_id in members:
            others = [m for m in members if m != owner_id]
            if len(others) == 1:
                partners[owner_id] = (others[0], couple_id in paused)
    return partners


def _preferences(user_ids) -> dict[int, Preferences]:
    found = {
        p.user_id: p
        for p in Preferences.objects.filter(user_id__in=user_ids).select_related("user")
    }
    # Someone who never opened their reminders gets the gentle defaults now.
    for user in User.objects.filter(pk__in=set(user_ids) - set(found)):
        found[user.pk] = preferences_for(user)
    return found


def deliver(*, hard_date_ids: list[int], now: datetime.datetime) -> list[int]:
    """Sends each due heads-up once and moves its date on a year. Returns prompts to email or push.

    A constant number of queries per batch: the unique (person, kind, key) constraint is the
    guard against a second heads-up, whatever runs twice.
    """
    with transaction.atomic():
        rows = list(
            HardDate.objects.select_for_update(skip_locked=True)
            .filter(pk__in=hard_date_ids, heads_up=True, next_check_on__lte=now.date())
            .only(*SCHEDULE_FIELDS)
        )
        partners = _partners({row.owner_id for row in rows})
        preferences_of = _preferences(
            [partners[row.owner_id][0] for row in rows if row.owner_id in partners]
        )
        opted_out = set(
            EmailOptOut.objects.filter(
                user_id__in=preferences_of, kind=Kind.HEADS_UP
            ).values_list("user_id", flat=True)
        )
        prompts, done = [], []
        for row in rows:
            partner_id, paused = partners.get(row.owner_id, (None, False))
            if partner_id is None:
                done.append(row)  # no partner to tell this year
                continue
            preferences = preferences_of[partner_id]
            zone = zoneinfo.ZoneInfo(preferences.user.timezone or "UTC")
            today = now.astimezone(zone).date()
            if today > row.next_occurrence:
                done.append(row)  # the day has gone by for them: too late to be of use
                continue
            due = heads_up_instant(
                row.next_occurrence, row.days_before, preferences.prompt_hour, zone
            )
            if now < due or paused:
                continue  # not yet, or held while the couple pauses: a later tick looks again
            wants_email = preferences.email and partner_id not in opted_out
            prompts.append(
                Prompt(
                    user_id=partner_id,
                    kind=Kind.HEADS_UP,
                    # One heads-up per date and year, however often this runs.
                    key=f"hard:{row.code}:{row.next_occurrence.year}",
                    local_date=today,
                    counts_toward_daily_limit=False,
                    text=DEFAULT_TEXT[Kind.HEADS_UP],
                    link=LINKS[Kind.HEADS_UP],
                    email_status=(
                        EmailStatus.PENDING if wants_email else EmailStatus.NONE
                    ),
                )
            )
            done.append(row)
        Prompt.objects.bulk_create(prompts, ignore_conflicts=True)
        for row in done:
            move_on(row)
        HardDate.objects.bulk_update(done, ["next_occurrence", "next_check_on"])
    if not prompts:
        return []
    return list(
        Prompt.objects.filter(
            kind=Kind.HEADS_UP, key__in=[prompt.key for prompt in prompts]
        )
        .filter(
            Q(email_status=EmailStatus.PENDING)
            | channels.reached_elsewhere([prompt.user_id for prompt in prompts])
        )
        .values_list("pk", flat=True)
    )
