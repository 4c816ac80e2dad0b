"""Hard dates: private to their owner; a heads-up, only if chosen, that names nothing.

Every instant here is fixed: nothing depends on today's date or the hour the suite runs at.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail
from hypothesis import given, settings
from hypothesis import strategies as st

from couples.models import Pause
from prompts import emails, heads_up, sending, tasks
from prompts.models import EmailStatus, Kind, Prompt
from prompts.preferences import preferences_for
from steadying import hard_dates
from steadying.models import HardDate
from tests.prompts.test_schedule import TRANSITIONS, ZONES, oracle
from tests.security.discreet_mail import assert_discreet

UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")
LABEL = "the weekend in Lisbon"


def at(text: str, zone=LONDON) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


def keep_date(owner, day: datetime.date, *, heads_up=True, days_before=3, today=None):
    hard_date = HardDate(
        owner=owner,
        label=LABEL,
        month=day.month,
        day=day.day,
        heads_up=heads_up,
        days_before=days_before,
    )
    hard_dates.schedule(hard_date, from_date=today or day - datetime.timedelta(30))
    hard_date.save()
    return hard_date


def tick(now: datetime.datetime) -> list[int]:
    return heads_up.deliver(
        hard_date_ids=list(heads_up.due_ids(now=now)), now=now.astimezone(UTC)
    )


def heads_ups(user):
    return list(Prompt.objects.filter(user=user, kind=Kind.HEADS_UP))


# --- the calendar ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "from_date", "expected"),
    [
        (3, 14, datetime.date(2027, 1, 1), datetime.date(2027, 3, 14)),
        (3, 14, datetime.date(2027, 3, 14), datetime.date(2027, 3, 14)),
        (3, 14, datetime.date(2027, 3, 15), datetime.date(2028, 3, 14)),
        # 29 February falls on the 28th in the years without one, and on the 29th in leap years.
        (2, 29, datetime.date(2027, 1, 1), datetime.date(2027, 2, 28)),
        (2, 29, datetime.date(2027, 3, 1), datetime.date(2028, 2, 29)),
        (12, 31, datetime.date(2027, 12, 31), datetime.date(2027, 12, 31)),
        (1, 1, datetime.date(2027, 12, 31), datetime.date(2028, 1, 1)),
    ],
)
def test_a_date_comes_round_every_year(month, day, from_date, expected):
    assert hard_dates.occurrence_on_or_after(month, day, from_date) == expected


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    transition=st.sampled_from(TRANSITIONS),
    days_before=st.integers(1, 7),
    shift=st.integers(-1, 1),
)
def test_the_heads_up_is_due_at_the_partners_hour_across_clock_changes(
    zone, hour, transition, days_before, shift
):
    # The heads-up day lands on, or next to, a day the clocks change.
    tz = zoneinfo.ZoneInfo(zone)
    heads_up_day = transition + datetime.timedelta(days=shift)
    occurrence = heads_up_day + datetime.timedelta(days=days_before)
    assert heads_up.heads_up_instant(occurrence, days_before, hour, tz) == oracle(
        heads_up_day, hour, tz
    )


# --- the heads-up, through the database --------------------------------------------------


def test_the_heads_up_comes_once_at_bobs_hour_three_days_before(alice, bob, couple):
    preferences = preferences_for(bob)
    preferences.prompt_hour = 19
    preferences.save()
    hard_date = keep_date(alice, datetime.date(2027, 3, 29))
    # 26 March 2027, London, still on GMT: 19:00 local is 19:00 UTC.
    assert tick(at("2027-03-26T18:55")) == []
    assert heads_ups(bob) == []
    tick(at("2027-03-26T19:00"))
    [prompt] = heads_ups(bob)
    assert prompt.text == sending.DEFAULT_TEXT[Kind.HEADS_UP]
    assert prompt.link == "/steady/heads-up/"
    assert not prompt.counts_toward_daily_limit
    # Again and again, later that evening and the next days: still one.
    for later in ("2027-03-26T19:05", "2027-03-27T19:00", "2027-03-28T09:00"):
        tick(at(later))
    assert len(heads_ups(bob)) == 1
    assert heads_ups(alice) == []
    hard_date.refresh_from_db()
    assert hard_date.next_occurrence == datetime.date(2028, 3, 29)
    # A year on, it comes again (29 March 2028 is in BST: 19:00 local is 18:00 UTC).
    tick(at("2028-03-26T19:00"))
    assert len(heads_ups(bob)) == 2


def test_what_the_date_is_never_reaches_the_partner(client, alice, bob, couple):
    keep_date(alice, datetime.date(2027, 3, 29))
    tick(at("2027-03-26T20:00"))
    [prompt] = heads_ups(bob)
    assert LABEL not in prompt.text
    assert "29" not in prompt.text
    client.force_login(bob)
    for path in ("/inbox/", "/steady/heads-up/", "/steady/dates/", "/"):
        page = client.get(path).content.decode()
        assert LABEL not in page, path
        assert "29 March" not in page, path


def test_a_date_kept_private_tells_nobody(alice, bob, couple):
    keep_date(alice, datetime.date(2027, 3, 29), heads_up=False)
    for day in range(20, 30):
        tick(at(f"2027-03-{day}T20:00"))
    assert Prompt.objects.filter(kind=Kind.HEADS_UP).count() == 0


def test_a_pause_holds_the_heads_up_until_it_ends(alice, bob, couple):
    keep_date(alice, datetime.date(2027, 3, 29))
    pause = Pause.objects.create(couple=couple, user=alice)
    tick(at("2027-03-26T20:00"))
    tick(at("2027-03-27T20:00"))
    assert heads_ups(bob) == []
    pause.ended_at = at("2027-03-27T21:00")
    pause.save()
    tick(at("2027-03-27T21:05"))
    assert len(heads_ups(bob)) == 1


def test_a_pause_through_the_day_itself_lets_this_year_go(alice, bob, couple):
    hard_date = keep_date(alice, datetime.date(2027, 3, 29))
    Pause.objects.create(couple=couple, user=bob)
    for day in range(26, 31):
        tick(at(f"2027-03-{day}T20:00"))
    assert heads_ups(bob) == []
    hard_date.refresh_from_db()
    assert hard_date.next_occurrence == datetime.date(2028, 3, 29)


def test_a_date_added_inside_the_window_gives_the_heads_up_at_once(alice, bob, couple):
    keep_date(alice, datetime.date(2027, 3, 29), today=datetime.date(2027, 3, 28))
    tick(
        at("2027-03-28T10:00")
    )  # past Bob's hour on the 26th: due, and the day is ahead
    assert len(heads_ups(bob)) == 1


def test_without_a_partner_nobody_is_told_and_the_date_moves_on(alice):
    hard_date = keep_date(alice, datetime.date(2027, 3, 29))
    tick(at("2027-03-26T20:00"))
    assert Prompt.objects.filter(kind=Kind.HEADS_UP).count() == 0
    hard_date.refresh_from_db()
    assert hard_date.next_occurrence == datetime.date(2028, 3, 29)


def test_the_email_is_discreet_and_waits_out_quiet_hours(alice, bob, couple):
    preferences = preferences_for(bob)
    preferences.email = True
    preferences.quiet_start, preferences.quiet_end = 22, 8
    preferences.save()
    # Added late in the evening, the day before: the heads-up is due at once, in quiet hours.
    keep_date(alice, datetime.date(2027, 3, 29), today=datetime.date(2027, 3, 28))
    [prompt_id] = tick(at("2027-03-28T23:00"))
    assert (
        emails.email_prompt(prompt_id=prompt_id, now=at("2027-03-28T23:00"))
        == "quiet hours"
    )
    assert mail.outbox == []
    assert emails.email_prompt(prompt_id=prompt_id, now=at("2027-03-29T08:00")) == (
        "sent"
    )
    [message] = mail.outbox
    assert_discreet(message, names=["Alice", "Bob"])
    assert LABEL not in message.body
    assert Prompt.objects.get(pk=prompt_id).email_status == EmailStatus.SENT


def test_the_tick_hands_due_dates_to_a_task_by_id(alice, bob, couple, time_machine):
    keep_date(alice, datetime.date(2027, 3, 29))
    time_machine.move_to(at("2027-03-26T20:00"), tick=False)
    assert tasks.tick()["heads_up_batches"] == 1
    assert len(heads_ups(bob)) == 1


def test_the_tick_reads_a_constant_number_of_queries(
    django_assert_max_num_queries, alice, bob, couple
):
    from tests.accounts.factories import UserFactory
    from tests.couples.factories import pair

    for _ in range(12):
        owner, partner = UserFactory(), UserFactory()
        pair(owner, partner)
        preferences_for(partner)  # made at sign-up
        keep_date(owner, datetime.date(2027, 3, 29))
    keep_date(alice, datetime.date(2027, 3, 29))
    preferences_for(bob)
    ids = list(heads_up.due_ids(now=at("2027-03-26T20:00")))
    with django_assert_max_num_queries(10):
        heads_up.deliver(hard_date_ids=ids, now=at("2027-03-26T20:00"))
    assert Prompt.objects.filter(kind=Kind.HEADS_UP).count() == 13


# --- the page ---------------------------------------------------------------------------


def test_a_date_is_kept_from_the_page_and_shown_only_to_its_owner(
    client, alice, bob, couple
):
    client.force_login(alice)
    answer = client.post(
        "/steady/dates/",
        {
            "label": LABEL,
            "day": "29",
            "month": "3",
            "heads_up": "on",
            "days_before": "2",
        },
    )
    assert answer.status_code == 302
    hard_date = HardDate.objects.get(owner=alice)
    assert (hard_date.month, hard_date.day, hard_date.days_before) == (3, 29, 2)
    assert hard_date.heads_up
    page = client.get("/steady/dates/").content.decode()
    assert LABEL in page
    assert "29 March" in page
    client.force_login(bob)
    assert LABEL not in client.get("/steady/dates/").content.decode()
    assert client.post(f"/steady/dates/{hard_date.code}/forget/").status_code == 404
    client.force_login(alice)
    client.post(f"/steady/dates/{hard_date.code}/forget/")
    assert not HardDate.objects.exists()


def test_a_form_with_a_mistake_keeps_what_was_typed(client, alice, couple):
    client.force_login(alice)
    answer = client.post(
        "/steady/dates/",
        {"label": LABEL, "month": "2", "heads_up": "on", "days_before": "5"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert LABEL in page
    assert "Please choose the day." in page
    assert '<option value="2" selected>February</option>' in page
    assert '<option value="5" selected>' in page
    assert (
        '<input type="checkbox" name="heads_up" aria-describedby="id_heads_up_helptext"'
        ' id="id_heads_up" checked>'
    ) in page
    answer = client.post(
        "/steady/dates/",
        {"label": LABEL, "day": "30", "month": "2", "days_before": "3"},
    )
    assert "February has only 29 days." in answer.content.decode()
    assert not HardDate.objects.exists()


def test_29_february_is_kept_and_falls_on_the_28th_without_a_leap_day(
    client, alice, couple
):
    client.force_login(alice)
    client.post(
        "/steady/dates/",
        {"label": LABEL, "day": "29", "month": "2", "days_before": "3"},
    )
    hard_date = HardDate.objects.get()
    assert "29 February" in client.get("/steady/dates/").content.decode()
    assert hard_date.next_occurrence.day in (28, 29)


def test_the_heads_up_can_be_stopped_without_losing_the_date(
    client, alice, bob, couple
):
    hard_date = keep_date(alice, datetime.date(2027, 3, 29))
    client.force_login(bob)
    url = f"/steady/dates/{hard_date.code}/heads-up/"
    assert client.post(url).status_code == 404  # not Bob's to change
    client.force_login(alice)
    client.post(url)  # no "on": stop it
    hard_date.refresh_from_db()
    assert not hard_date.heads_up
    for day in range(20, 30):
        tick(at(f"2027-03-{day}T20:00"))
    assert heads_ups(bob) == []
    assert LABEL in client.get("/steady/dates/").content.decode()
    client.post(url, {"heads_up": "on"})
    hard_date.refresh_from_db()
    assert hard_date.heads_up


def test_the_label_is_sealed_in_the_database(alice):
    from django.db import connection

    keep_date(alice, datetime.date(2027, 3, 29))
    with connection.cursor() as cursor:
        cursor.execute(f"select label from {HardDate._meta.db_table}")
        [(stored,)] = cursor.fetchall()
    assert LABEL not in stored


def test_the_page_reads_a_constant_number_of_queries(
    client, alice, couple, django_assert_max_num_queries
):
    for month in range(1, 13):
        keep_date(alice, datetime.date(2027, month, 10))
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        assert client.get("/steady/dates/").status_code == 200


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_farthest_zones_are_reached_in_time(alice, bob, couple, zone):
    # UTC+14 is a day ahead of UTC: its heads-up hour comes before UTC's date gets there.
    bob.timezone = zone
    bob.save()
    preferences = preferences_for(bob)
    preferences.prompt_hour = 8
    preferences.save()
    keep_date(alice, datetime.date(2027, 3, 29))
    due = heads_up.heads_up_instant(
        datetime.date(2027, 3, 29), 3, 8, zoneinfo.ZoneInfo(zone)
    )
    tick(due - datetime.timedelta(minutes=5))
    assert heads_ups(bob) == []
    tick(due)
    assert len(heads_ups(bob)) == 1
