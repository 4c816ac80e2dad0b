"""Prompts caused by what happens: a share, a letter, an answer, a planned session coming up."""

import datetime
import uuid

import pytest
from django.utils import timezone

from couples.access import active_membership
from journal import entries, sharing
from prompts import events, tasks
from prompts.models import Kind, Prompt
from prompts.preferences import preferences_for
from repair import letters, questions, sessions
from repair.models import Exercise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def preferences(alice, bob, couple):
    preferences_for(alice)
    preferences_for(bob)


def test_sharing_an_entry_brings_the_partner_a_discreet_prompt(
    alice, bob, django_capture_on_commit_callbacks
):
    entry = entries.create_entry(
        author=alice,
        code=uuid.uuid4(),
        written_on=datetime.date(2026, 11, 20),
        body="canary words only for Bob",
    )
    with django_capture_on_commit_callbacks(execute=True):
        sharing.set_sharing(entry=entry, with_partner=True, with_therapist=False)
    prompt = Prompt.objects.get(user=bob)
    assert prompt.kind == Kind.SHARED
    assert prompt.key == f"entry:{entry.code}"
    assert prompt.link == f"/journal/shared/{entry.code}/"
    assert "canary" not in prompt.text
    # Sharing again (or toggling the therapist flag) brings nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        sharing.set_sharing(entry=entry, with_partner=True, with_therapist=True)
    assert Prompt.objects.filter(user=bob).count() == 1
    assert not Prompt.objects.filter(user=alice).exists()


def test_a_sent_letter_and_an_answer_reach_the_other_partner(
    alice, bob, django_capture_on_commit_callbacks
):
    sections = dict.fromkeys(
        ("what_i_did", "how_it_hurt", "doing_now", "will_keep_doing"), "words"
    )
    with django_capture_on_commit_callbacks(execute=True):
        letters.send(
            letter=letters.letter_for(active_membership(bob)), sections=sections
        )
    assert Prompt.objects.get(user=alice).link == "/repair/letter/"
    question = questions.ask(
        membership=active_membership(alice), text="Where were you that night?"
    )
    questions.bring_up(
        question=question, membership=active_membership(alice), wants="meaning"
    )
    Prompt.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        questions.answer(
            question=question, membership=active_membership(bob), text="At the office."
        )
    assert Prompt.objects.get(user=alice).link == "/repair/questions/"


def test_both_partners_are_reminded_shortly_before_a_planned_session(alice, bob):
    exercise = Exercise.objects.filter(who="together").first()
    soon = timezone.now() + datetime.timedelta(minutes=10)
    session = sessions.invite(
        membership=active_membership(alice), exercise=exercise, planned_for=soon
    )
    sessions.accept(session=session, user=bob)
    later = sessions.invite(
        membership=active_membership(alice),
        exercise=exercise,
        planned_for=timezone.now() + datetime.timedelta(hours=3),
    )
    sessions.accept(session=later, user=bob)
    tasks.tick.apply()
    tasks.tick.apply()  # a second tick reminds nobody twice
    reminders = Prompt.objects.filter(kind=Kind.SESSION)
    assert sorted(reminders.values_list("user_id", flat=True)) == sorted(
        [alice.pk, bob.pk]
    )
    assert {p.link for p in reminders} == {f"/repair/sessions/{session.code}/"}


def test_no_session_reminder_while_a_partner_pauses(alice, bob):
    from couples import pause as pausing

    exercise = Exercise.objects.filter(who="together", kind="talk").first()
    session = sessions.invite(
        membership=active_membership(alice),
        exercise=exercise,
        planned_for=timezone.now() + datetime.timedelta(minutes=5),
    )
    sessions.accept(session=session, user=bob)
    pausing.start_pause(membership=active_membership(bob))
    events.deliver_session_reminders(session_ids=[session.pk])
    assert not Prompt.objects.exists()
