"""The gentle invitation to one's measures, on the couple's cadence: due by the calendar (never by
today's date), once per person and period, held while the couple pauses, gone after leaving, and
worded so that a glance at it says nothing about what the questions are for."""

import datetime
import re
import tomllib

import pytest
import time_machine

from couples import pause as pausing
from couples.access import active_membership
from couples.pairing import leave_couple
from measures import cadence
from prompts import sending, starter_content
from prompts.emails import render_email
from prompts.models import Frequency, Kind, Preferences, Prompt
from prompts.preferences import preferences_for
from tests.security.discreet_mail import FORBIDDEN

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
# Words that would say what the measures are about, besides the app's own forbidden list.
ABOUT = (
    "measure", "questionnaire", "score", "mood", "depress", "anxi", "trauma", "stress",
    "well-being", "wellbeing", "worry", "sad", "relationship", "PHQ", "GAD", "PCL", "WHO",
    "CSI", "feel",
)  # fmt: skip


def due_on(user, moment: datetime.datetime, **changes) -> None:
    preferences = preferences_for(user)
    for name, value in changes.items():
        setattr(preferences, name, value)
    preferences.next_due_at = moment - datetime.timedelta(minutes=1)
    preferences.next_local_date = moment.date()
    preferences.save()


def deliver(moment: datetime.datetime, *users):
    for user in users:
        due_on(user, moment)
    with time_machine.travel(moment, tick=False):
        return sending.deliver_scheduled(user_ids=[u.pk for u in users], now=moment)


def invitations(user):
    return list(
        Prompt.objects.filter(user=user, kind=Kind.MEASURES).order_by("local_date")
    )


def test_on_the_cadence_each_partner_gets_one_invitation_to_their_measures(
    alice, bob, couple
):
    cadence.set_cadence(couple=couple, weeks=2, by=active_membership(alice))
    deliver(WEDNESDAY, alice, bob)
    for person in (alice, bob):
        (prompt,) = invitations(person)
        assert prompt.key == cadence.prompt_key(2, WEDNESDAY.date())
        assert prompt.link == "/measures/"
        assert prompt.counts_toward_daily_limit
    # The schedule moved on as for any scheduled prompt.
    assert Preferences.objects.get(user=alice).next_local_date == WEDNESDAY.date() + DAY


def test_once_per_period_however_often_the_day_comes_round(alice, couple):
    cadence.set_cadence(couple=couple, weeks=2, by=active_membership(alice))
    start = cadence.period_start(2, WEDNESDAY.date())
    first = datetime.datetime.combine(start, datetime.time(12), tzinfo=datetime.UTC)
    deliver(first, alice)
    deliver(first, alice)  # a retried task, a second tick
    for n in range(1, 14):
        deliver(first + n * DAY, alice)  # every other day of the period
    assert [p.local_date for p in invitations(alice)] == [start]
    # The next period brings the next invitation, and only one.
    deliver(first + 14 * DAY, alice)
    deliver(first + 15 * DAY, alice)
    assert [p.local_date for p in invitations(alice)] == [start, start + 14 * DAY]


def test_no_cadence_or_cadence_off_means_no_invitation(alice, bob, couple):
    deliver(WEDNESDAY, alice)
    cadence.set_cadence(couple=couple, weeks=0, by=active_membership(bob))
    deliver(WEDNESDAY + DAY, alice)
    assert invitations(alice) == []


def test_nothing_while_the_couple_pauses_and_it_comes_once_the_pause_ends(
    alice, bob, couple
):
    cadence.set_cadence(couple=couple, weeks=4, by=active_membership(alice))
    pausing.start_pause(membership=active_membership(bob))
    deliver(WEDNESDAY, alice, bob)
    assert invitations(alice) == invitations(bob) == []
    pausing.end_pause(membership=active_membership(bob))
    deliver(WEDNESDAY + DAY, alice, bob)
    assert len(invitations(alice)) == len(invitations(bob)) == 1


def test_nothing_after_leaving_the_couple(alice, bob, couple):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    leave_couple(user=alice)
    deliver(WEDNESDAY, alice, bob)
    assert invitations(alice) == invitations(bob) == []


def test_not_at_all_means_not_at_all(alice, couple):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    preferences = preferences_for(alice)
    preferences.frequency = Frequency.OFF
    preferences.next_due_at = preferences.next_local_date = None
    preferences.save()
    with time_machine.travel(WEDNESDAY, tick=False):
        assert list(sending.due_user_ids(now=WEDNESDAY)) == []
        sending.deliver_scheduled(user_ids=[alice.pk], now=WEDNESDAY)
    assert invitations(alice) == []


def test_a_day_already_used_by_another_prompt_keeps_the_invitation_for_the_next(
    alice, couple
):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    Prompt.objects.create(
        user=alice, kind=Kind.SHARED, key="entry:x", local_date=WEDNESDAY.date()
    )
    deliver(WEDNESDAY, alice)
    assert invitations(alice) == []  # one counted prompt a day
    deliver(WEDNESDAY + DAY, alice)
    assert [p.local_date for p in invitations(alice)] == [WEDNESDAY.date() + DAY]


def all_wordings() -> list[str]:
    data = tomllib.loads(starter_content.CONTENT.read_text(encoding="utf-8"))
    lines = [g["lines"] for g in data["texts"] if g["kind"] == Kind.MEASURES]
    assert lines, "the invitation needs wording of its own"
    return [sending.DEFAULT_TEXT[Kind.MEASURES], *lines[0]]


def test_the_words_never_say_what_the_questions_are_about():
    for text in all_wordings():
        for word in (*FORBIDDEN, *ABOUT):
            assert not re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE), (
                text,
                word,
            )


def test_its_email_is_as_discreet_as_any_other(alice, couple):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    due_on(alice, WEDNESDAY, email=True)
    deliver(WEDNESDAY, alice)
    (prompt,) = invitations(alice)
    message = render_email(prompt)
    assert message.subject == "A gentle reminder"
    body = message.body + message.alternatives[0][0]
    assert "/measures/" not in body
    assert "measure" not in body.lower()


def test_someone_who_already_answered_in_the_period_is_not_invited_again(
    alice, bob, couple
):
    from tests.measures.factories import answer

    cadence.set_cadence(couple=couple, weeks=2, by=active_membership(alice))
    start = cadence.period_start(2, WEDNESDAY.date())
    first = datetime.datetime.combine(start, datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(first - 2 * DAY, tick=False):
        answer(bob, "who-5", [3, 3, 3, 3, 3])  # in the period before: still invited
    with time_machine.travel(first + DAY, tick=False):
        answer(alice, "who-5", [3, 3, 3, 3, 3])  # in this one, of her own accord
    deliver(first + 2 * DAY, alice, bob)
    assert invitations(alice) == []
    assert len(invitations(bob)) == 1
    # The next period invites her again.
    deliver(first + 14 * DAY, alice)
    assert len(invitations(alice)) == 1
