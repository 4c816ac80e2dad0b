"""Who gets which prompt, and who gets none."""

import datetime
import uuid

import pytest
import time_machine

from checkins import daily
from checkins.models import Light
from couples import pause as pausing
from couples.access import active_membership
from couples.pairing import leave_couple
from prompts import events, sending
from prompts.models import EmailStatus, Frequency, Kind, Preferences, Prompt
from prompts.preferences import preferences_for
from prompts.schedule import next_due

pytestmark = pytest.mark.django_db

SCORES = {"safe": 3, "not_performing": 3, "can_say_no": 3, "can_say_yes": 3, "equal": 3}
ENTRY_ONE = uuid.uuid4()
WEDNESDAY = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def due_now(user, **changes) -> Preferences:
    preferences = preferences_for(user)
    for name, value in changes.items():
        setattr(preferences, name, value)
    preferences.next_due_at = WEDNESDAY - datetime.timedelta(minutes=1)
    preferences.next_local_date = WEDNESDAY.date()
    preferences.save()
    return preferences


def deliver(*users):
    with time_machine.travel(WEDNESDAY, tick=False):
        return sending.deliver_scheduled(user_ids=[u.pk for u in users], now=WEDNESDAY)


def active_recently(user):
    user.last_login = WEDNESDAY - datetime.timedelta(days=1)
    user.save(update_fields=["last_login"])


def test_a_due_person_gets_a_check_in_invitation_and_the_schedule_moves_on(alice):
    active_recently(alice)
    due_now(alice)
    deliver(alice)
    prompt = Prompt.objects.get(user=alice)
    assert prompt.kind == Kind.CHECKIN
    assert prompt.local_date == WEDNESDAY.date()
    preferences = Preferences.objects.get(user=alice)
    assert preferences.next_local_date == WEDNESDAY.date() + datetime.timedelta(days=1)
    assert preferences.next_due_at > WEDNESDAY


def test_delivering_twice_creates_one_prompt(alice):
    due_now(alice)
    deliver(alice)
    Preferences.objects.filter(user=alice).update(
        next_due_at=WEDNESDAY - datetime.timedelta(minutes=1),
        next_local_date=WEDNESDAY.date(),
    )
    deliver(alice)
    assert Prompt.objects.filter(user=alice).count() == 1


def test_someone_who_already_checked_in_today_is_left_in_peace(alice, couple):
    active_recently(alice)
    due_now(alice)
    with time_machine.travel(WEDNESDAY, tick=False):
        daily.record_checkin(
            user=alice,
            membership=active_membership(alice),
            light=Light.GREEN,
            scores=SCORES,
        )
    deliver(alice)
    assert not Prompt.objects.exists()
    assert Preferences.objects.get(
        user=alice
    ).next_local_date == WEDNESDAY.date() + datetime.timedelta(days=1)


def test_a_quiet_stretch_brings_a_reconnect_invitation_at_most_once_a_week(
    alice, couple
):
    due_now(alice)
    deliver(alice)
    assert Prompt.objects.get().kind == Kind.RECONNECT
    Prompt.objects.update(
        local_date=WEDNESDAY.date() - datetime.timedelta(days=3), key="earlier"
    )
    due_now(alice)
    deliver(alice)
    assert list(
        Prompt.objects.order_by("local_date").values_list("kind", flat=True)
    ) == [Kind.RECONNECT, Kind.CHECKIN]


def checked_in_days_ago(user, days):
    with time_machine.travel(WEDNESDAY - datetime.timedelta(days=days), tick=False):
        daily.record_checkin(
            user=user,
            membership=active_membership(user),
            light=Light.GREEN,
            scores=SCORES,
        )


def test_a_check_in_more_than_a_week_ago_brings_a_reconnect_invitation(alice, couple):
    checked_in_days_ago(alice, 30)
    checked_in_days_ago(alice, 8)
    due_now(alice)
    deliver(alice)
    assert Prompt.objects.get().kind == Kind.RECONNECT


def test_a_check_in_earlier_this_week_brings_a_check_in_invitation(alice, couple):
    checked_in_days_ago(alice, 30)
    checked_in_days_ago(alice, 6)
    due_now(alice)
    deliver(alice)
    assert Prompt.objects.get().kind == Kind.CHECKIN


def test_no_reconnect_invitation_while_either_partner_pauses(alice, bob, couple):
    pausing.start_pause(membership=active_membership(bob))
    due_now(alice)
    deliver(alice)
    assert Prompt.objects.get().kind == Kind.CHECKIN


def test_no_closeness_prompt_after_the_recipients_red_check_in(alice, couple):
    with time_machine.travel(WEDNESDAY, tick=False):
        daily.record_checkin(
            user=alice,
            membership=active_membership(alice),
            light=Light.RED,
            scores=SCORES,
        )
    alice.last_login = None
    alice.save()
    due_now(alice)
    deliver(alice)
    assert not Prompt.objects.filter(kind__in=[Kind.RECONNECT, Kind.SESSION]).exists()


def test_sunday_brings_the_weekly_reflection(alice):
    sunday = datetime.date(2026, 11, 29)
    preferences = due_now(alice)
    preferences.next_local_date = sunday
    preferences.save()
    deliver(alice)
    assert Prompt.objects.get().kind == Kind.REFLECTION


def test_turning_prompts_off_clears_the_schedule(alice):
    from prompts.preferences import update_preferences

    preferences = preferences_for(alice)
    preferences.frequency = Frequency.OFF
    update_preferences(preferences=preferences, timezone_name=alice.timezone)
    assert Preferences.objects.get(user=alice).next_due_at is None


def test_only_people_who_chose_email_get_one(alice, bob, couple):
    active_recently(alice)
    active_recently(bob)
    due_now(alice, email=True)
    due_now(bob, email=False)
    pending = deliver(alice, bob)
    assert list(
        Prompt.objects.filter(pk__in=pending).values_list("user", flat=True)
    ) == [alice.pk]
    assert Prompt.objects.get(user=bob).email_status == EmailStatus.NONE


def test_wording_changes_from_one_day_to_the_next(alice):
    texts = set()
    for offset in range(3):
        day = WEDNESDAY.date() + datetime.timedelta(days=offset)
        texts.add(
            sending.text_for(
                sending.active_texts(), Kind.CHECKIN, user_id=alice.pk, day=day
            )
        )
    assert len(texts) == 3


def test_a_share_brings_one_prompt_per_event_and_one_per_day(alice, bob, couple):
    preferences_for(bob)
    events.deliver_event(user_id=bob.pk, kind=Kind.SHARED, key=f"entry:{ENTRY_ONE}")
    events.deliver_event(user_id=bob.pk, kind=Kind.SHARED, key=f"entry:{ENTRY_ONE}")
    events.deliver_event(user_id=bob.pk, kind=Kind.SHARED, key=f"entry:{uuid.uuid4()}")
    assert Prompt.objects.filter(user=bob).count() == 1


def test_session_reminders_are_not_limited_to_one_a_day_but_respect_a_pause(
    alice, bob, couple
):
    preferences_for(bob)
    events.deliver_event(user_id=bob.pk, kind=Kind.SHARED, key=f"entry:{ENTRY_ONE}")
    events.deliver_event(
        user_id=bob.pk, kind=Kind.SESSION, key=f"session:{uuid.uuid4()}"
    )
    assert Prompt.objects.filter(user=bob).count() == 2
    pausing.start_pause(membership=active_membership(alice))
    events.deliver_event(
        user_id=bob.pk, kind=Kind.SESSION, key=f"session:{uuid.uuid4()}"
    )
    assert Prompt.objects.filter(user=bob).count() == 2


def test_nothing_reaches_someone_who_left_the_couple(alice, bob, couple):
    preferences_for(bob)
    leave_couple(user=alice)
    assert (
        events.deliver_event(user_id=bob.pk, kind=Kind.SHARED, key=f"entry:{ENTRY_ONE}")
        is None
    )
    assert not Prompt.objects.exists()


def test_the_tick_finds_due_people_with_one_query(
    alice, bob, django_assert_num_queries
):
    due_now(alice)
    due_now(bob)
    with django_assert_num_queries(1):
        ids = list(sending.due_user_ids(now=WEDNESDAY))
    assert sorted(ids) == sorted([alice.pk, bob.pk])


def test_a_batch_costs_the_same_number_of_queries_for_two_or_twenty_people(
    django_assert_max_num_queries,
):
    from tests.accounts.factories import UserFactory

    for size in (2, 20):
        Prompt.objects.all().delete()
        people = UserFactory.create_batch(size)
        for person in people:
            due_now(person)
        with django_assert_max_num_queries(14):
            deliver(*people)
        assert Prompt.objects.count() == size


def test_a_batch_moves_each_person_on_in_their_own_time_zone():
    from tests.accounts.factories import UserFactory

    zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]
    people = [UserFactory(timezone=zone) for zone in zones * 3]
    for n, person in enumerate(people):
        due_now(
            person, prompt_hour=n + 6, frequency=[Frequency.DAILY, Frequency.FEW][n % 2]
        )
    deliver(*people)
    tomorrow = WEDNESDAY.date() + datetime.timedelta(days=1)
    for person in people:
        preferences = Preferences.objects.get(user=person)
        assert (preferences.next_due_at, preferences.next_local_date) == next_due(
            preferences, person.timezone, from_date=tomorrow
        )
    assert Prompt.objects.count() == len(people)
