"""One fixture world with an object behind every URL argument, and the people who knock on it.

Alice (hurt) and Bob (broke trust) are a couple. Alice keeps a private entry and shares another
with Bob; Bob has sent a letter; Alice asked a question, proposed moving on and invited Bob to an
exercise; Theo is their therapist with both grants; Tess is a therapist whose grant Bob revoked;
Uma is an approved therapist nobody invited. Charlie is paired with Dana. Erin started a couple
and holds an unused invitation link.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from checkins.consent import opt_in
from checkins.models import ConsentItem
from couples import care, pairing
from couples.access import active_membership
from couples.models import CareTeamInvite, Pause
from journal import sharing
from journal.models import Draft, Entry
from prompts.emails import unsubscribe_token
from prompts.models import Kind, Prompt
from reach.devices import add_device
from repair import journey, letters, questions, sessions, suggestions
from repair.models import Exercise
from steadying import flooding, hard_dates, honesty
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair
from tests.therapists.factories import consent, full_access, invite, make_therapist

ACTORS = ["alice", "bob", "charlie", "uma", "tess", "theo", "staff", "anonymous"]


@dataclass
class World:
    people: dict
    kwargs: dict  # kwargs key -> {"code": ...} or {"token": ...} or {"slug": ...}


def build_world() -> World:
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    couple = pair(alice, bob)
    charlie = UserFactory(email="charlie@example.com", display_name="Charlie")
    dana = UserFactory(email="dana@example.com", display_name="Dana")
    charlies = pair(charlie, dana)
    theo = UserFactory(email="theo@example.com", display_name="Theo")
    tess = UserFactory(email="tess@example.com", display_name="Tess")
    uma = UserFactory(email="uma@example.com", display_name="Uma")
    for therapist in (theo, tess, uma):
        make_therapist(therapist)
    staff = UserFactory(email="staff@example.com", display_name="Staff", is_staff=True)
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    erin = UserFactory(email="erin@example.com", display_name="Erin")
    erins = pairing.start_couple(user=erin, role="injured")
    invitation = pairing.create_invitation(membership=erins.memberships.get())

    alice_m, bob_m = active_membership(alice), active_membership(bob)
    granted = full_access(couple, theo, alice, bob)
    revoked = full_access(couple, tess, alice, bob)
    care.revoke_grant(invite=revoked, user=bob)
    # Charlie and Dana have both asked Theo to join them; he hasn't answered yet.
    waiting = invite(charlies, theo, by=charlie)
    consent(waiting, dana)

    written_on = datetime.date(2026, 3, 1)
    private = Entry.objects.create(author=alice, written_on=written_on, body="mine")
    shared = sharing.set_sharing(
        entry=Entry.objects.create(author=alice, written_on=written_on, body="ours"),
        with_partner=True,
        with_therapist=True,
    )
    draft = Draft.objects.create(author=alice, body="half a thought")

    exercise = Exercise.objects.get(slug="daily-honesty")
    session = sessions.invite(membership=alice_m, exercise=exercise)
    sessions.accept(session=session, user=bob)
    sessions.mark_ready(session=session, user=alice)
    sessions.mark_ready(session=session, user=bob)
    ended = sessions.invite(membership=bob_m, exercise=exercise)
    sessions.accept(session=ended, user=alice)
    sessions.mark_ready(session=ended, user=alice)
    sessions.mark_ready(session=ended, user=bob)
    sessions.end(session=ended, user=alice)
    letter = letters.letter_for(bob_m)
    version = letters.send(
        letter=letter, sections=dict.fromkeys(letter.SECTIONS, "words")
    )
    question = questions.ask(membership=alice_m, text="why?")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    proposal = journey.propose_advance(membership=alice_m)
    suggestion = suggestions.suggest_exercise(couple=couple, exercise=exercise, by=theo)
    prompt = Prompt.objects.create(
        user=alice,
        kind=Kind.values[0],
        key="matrix",
        local_date=timezone.localdate(),
        text="a gentle nudge",
    )
    device = add_device(
        user=alice,
        endpoint="https://fcm.googleapis.com/fcm/send/matrix",
        p256dh="BA" + "A" * 85,
        auth="A" * 22,
        user_agent="",
    )
    opt_in(membership=alice_m)
    opt_in(membership=bob_m)
    consent_item = ConsentItem.objects.filter(published=True).first()
    # Alice's card goes to Bob when she taps; Bob offers a note to the honesty log.
    flooding.save_card(
        user=alice,
        helps="sit",
        does_not_help="",
        send_to_partner=True,
        keep_history=False,
    )
    honesty_note = honesty.write_note(membership=bob_m, body="I was late because")
    hard_date = hard_dates.save_date(
        owner=alice,
        label="the day I found out",
        day=14,
        month=3,
        heads_up=True,
        days_before=3,
    )

    # A pause Alice took and ended: her note on it is hers alone.
    alice_pause = Pause.objects.create(
        couple=couple, user=alice, ended_at=timezone.now()
    )

    people = {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "uma": uma,
        "tess": tess,
        "theo": theo,
        "staff": staff,
        "anonymous": None,
    }
    kwargs = {
        "couple": {"code": couple.code},
        "care_invite": {"code": granted.code},
        "revoked_invite": {"code": revoked.code},
        "waiting_invite": {"code": waiting.code},
        "ended_session": {"code": ended.code},
        "private_entry": {"code": private.code},
        "shared_entry": {"code": shared.code},
        "draft": {"code": draft.code},
        "exercise": {"code": exercise.code},
        "session": {"code": session.code},
        "letter_version": {"code": version.code},
        "question": {"code": question.code},
        "proposal": {"code": proposal.code},
        "suggestion": {"code": suggestion.code},
        "prompt": {"code": prompt.code},
        "device": {"code": device.code},
        "honesty_note": {"code": honesty_note.code},
        "hard_date": {"code": hard_date.code},
        "alice_pause": {"code": alice_pause.code},
        "consent_item": {"slug": consent_item.slug},
        "invitation_token": {"token": invitation.token},
        "unsubscribe_token": {"token": unsubscribe_token(alice, Kind.values[0])},
    }
    assert CareTeamInvite.objects.with_access().filter(therapist=tess).count() == 0
    return World(people=people, kwargs=kwargs)
