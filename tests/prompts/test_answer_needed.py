"""Things that wait for a person's answer reach their inbox and badge at once, once each, without
using up the day's one gentle prompt: an invitation to an exercise, a suggestion to move on, a
question, a letter or its answer."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.utils.html import escape

from couples import pause as pausing
from couples.access import active_membership
from prompts import events, sending, tasks
from prompts.models import EmailStatus, Kind, Prompt
from prompts.preferences import preferences_for
from repair import journey, letters, questions, sessions
from repair.models import Exercise
from repair.signals import announce_needs_answer
from tests.security.discreet_mail import assert_discreet

pytestmark = pytest.mark.django_db

# Fixed, not random: it names a parametrized test, and every xdist worker must collect the same ids.
SOME = uuid.UUID("5e55a0e1-0000-4000-8000-000000000001")
WEDNESDAY = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def at_noon(alice, bob, couple):
    """Everything happens at a fixed moment, so no test depends on today's date."""
    with time_machine.travel(WEDNESDAY, tick=False):
        preferences_for(alice)
        preferences_for(bob)
        yield


def _unread_badge(client, user) -> int:
    """How many unread things wait for this person. The bell shows a dot, never the number,
    whenever there is at least one."""
    client.force_login(user)
    text = client.get("/inbox/badge/").content.decode()
    unread = Prompt.objects.filter(user=user, read_at__isnull=True).count()
    assert ("badge--dot" in text) == bool(unread)
    assert not re.search(r">\s*\d", text)  # no count as text, for eyes or ears
    return unread


def test_a_suggestion_to_move_on_reaches_the_hurt_partner_at_once(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        journey.propose_advance(membership=active_membership(bob))
    prompt = Prompt.objects.get(user=alice)
    assert prompt.kind == Kind.ASKED
    assert prompt.link == "/repair/"
    assert not prompt.counts_toward_daily_limit
    assert _unread_badge(client, alice) == 1
    client.force_login(alice)
    assert escape(prompt.text) in client.get("/inbox/").content.decode()
    # A second tap finds the open suggestion: nothing new arrives.
    with django_capture_on_commit_callbacks(execute=True):
        journey.propose_advance(membership=active_membership(bob))
    assert Prompt.objects.filter(user=alice).count() == 1
    assert not Prompt.objects.filter(user=bob).exists()


def test_the_hurt_partners_ask_about_the_intimacy_phase_reaches_the_other(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    journey.propose_advance(membership=active_membership(alice))  # phase 2, no question
    assert not Prompt.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        journey.propose_advance(membership=active_membership(alice))
    assert Prompt.objects.get(user=bob).kind == Kind.ASKED
    assert not Prompt.objects.filter(user=alice).exists()


def test_an_invitation_to_an_exercise_now_reaches_the_invited_partner(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    exercise = Exercise.objects.get(slug="daily-honesty")
    with django_capture_on_commit_callbacks(execute=True):
        session = sessions.invite(
            membership=active_membership(alice), exercise=exercise
        )
    prompt = Prompt.objects.get(user=bob)
    assert prompt.kind == Kind.INVITED
    assert prompt.link == f"/repair/sessions/{session.code}/"
    assert _unread_badge(client, bob) == 1
    # The same invitation again (a double tap lands in the same room) brings nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        sessions.invite(membership=active_membership(alice), exercise=exercise)
    assert Prompt.objects.filter(user=bob).count() == 1


def test_no_invitation_note_while_the_couple_pauses(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    # A pause that begins between the invitation and its note: the note rests too.
    pausing.start_pause(membership=active_membership(bob))
    with django_capture_on_commit_callbacks(execute=True):
        announce_needs_answer(sender=None, recipient_id=bob.pk, key=f"session:{SOME}")
    assert not Prompt.objects.filter(user=bob).exists()


@pytest.mark.parametrize(
    ("key", "kind", "link"),
    [
        ("question:7", Kind.ASKED, "/repair/questions/"),
        ("letter:7", Kind.SHARED, "/repair/letter/"),
        ("reply:7", Kind.SHARED, "/repair/letter/"),
    ],
)
def test_a_question_a_letter_and_its_answer_reach_the_person_once(
    alice, key, kind, link, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            announce_needs_answer(sender=None, recipient_id=alice.pk, key=key)
    prompt = Prompt.objects.get(user=alice)
    assert (prompt.kind, prompt.link) == (kind, link)


def test_nothing_is_sent_when_the_step_is_rolled_back(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        announce_needs_answer(sender=None, recipient_id=alice.pk, key="question:8")
    assert callbacks  # waits for the commit
    assert not Prompt.objects.exists()


def test_an_event_note_leaves_the_days_gentle_prompt_alone(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        journey.propose_advance(membership=active_membership(bob))
    preferences = preferences_for(alice)
    preferences.next_due_at = WEDNESDAY - datetime.timedelta(minutes=1)
    preferences.next_local_date = WEDNESDAY.date()
    preferences.save()
    sending.deliver_scheduled(user_ids=[alice.pk], now=WEDNESDAY)
    assert (
        Prompt.objects.filter(user=alice, counts_toward_daily_limit=True).count() == 1
    )
    # And the other way round: a note after the day's prompt still arrives.
    with django_capture_on_commit_callbacks(execute=True):
        announce_needs_answer(sender=None, recipient_id=alice.pk, key="question:9")
    assert Prompt.objects.filter(user=alice).count() == 3


def test_a_share_after_the_days_prompt_still_arrives(alice):
    Prompt.objects.create(
        user=alice,
        kind=Kind.CHECKIN,
        key=str(WEDNESDAY.date()),
        local_date=WEDNESDAY.date(),
        text="today's gentle prompt",
    )
    events.deliver_event(user_id=alice.pk, kind=Kind.SHARED, key="letter:3")
    assert Prompt.objects.filter(user=alice).count() == 2


@pytest.mark.parametrize("key", ["move:1", f"session:{SOME}", "question:1", "reply:1"])
def test_the_email_for_a_note_is_neutral(
    alice, key, django_capture_on_commit_callbacks
):
    alice.timezone = "Europe/London"
    alice.save(update_fields=["timezone"])
    preferences = preferences_for(alice)
    preferences.email = True
    preferences.save()
    with django_capture_on_commit_callbacks(execute=True):
        announce_needs_answer(sender=None, recipient_id=alice.pk, key=key)
    prompt = Prompt.objects.get(user=alice)
    # Handed to a worker (run at once in tests) after the commit: sent, once.
    assert prompt.email_status == EmailStatus.SENT
    assert tasks.send_prompt_emails([prompt.pk]) == {prompt.pk: "skipped"}
    [message] = mail.outbox
    assert message.subject == "You have a new message"
    assert_discreet(message, names=["Alice", "Bob"])
    assert f"/go/{prompt.code}/" in message.body


def test_the_email_waits_for_the_end_of_quiet_hours(alice):
    preferences = preferences_for(alice)
    preferences.email = True
    preferences.quiet_start, preferences.quiet_end = 11, 14  # noon is quiet
    preferences.save()
    prompt_id = events.deliver_event(user_id=alice.pk, kind=Kind.ASKED, key="move:2")
    assert tasks.send_prompt_emails([prompt_id]) == {prompt_id: "quiet hours"}
    assert Prompt.objects.get(pk=prompt_id).email_status == EmailStatus.PENDING


def test_a_question_reaches_the_partner_when_it_is_brought_up_not_while_it_waits(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    alice_m = active_membership(alice)
    with django_capture_on_commit_callbacks(execute=True):
        question = questions.ask(membership=alice_m, text="When did it start?")
    # Still in the box: nothing tells Bob a question exists.
    assert not Prompt.objects.filter(user=bob).exists()
    with django_capture_on_commit_callbacks(execute=True):
        questions.bring_up(question=question, membership=alice_m, wants="meaning")
    prompt = Prompt.objects.get(user=bob)
    assert prompt.kind == Kind.ASKED
    assert "When did it start" not in prompt.text
    assert _unread_badge(client, bob) == 1
    # Changing "detail or meaning" before the answer is not news.
    with django_capture_on_commit_callbacks(execute=True):
        questions.bring_up(question=question, membership=alice_m, wants="detail")
    assert Prompt.objects.filter(user=bob).count() == 1


def test_an_answer_to_the_letter_reaches_its_writer(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    bob_m, alice_m = active_membership(bob), active_membership(alice)
    letter = letters.letter_for(bob_m)
    with django_capture_on_commit_callbacks(execute=True):
        version = letters.send(
            letter=letter,
            sections={
                "what_i_did": "What I did, plainly.",
                "how_it_hurt": "How it hurt you.",
                "doing_now": "What I do now.",
                "will_keep_doing": "What I will keep doing.",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        letters.respond(version=version, membership=alice_m, kind="not_yet")
    prompt = Prompt.objects.filter(user=bob).get()
    assert "plainly" not in prompt.text
    assert _unread_badge(client, bob) == 1
