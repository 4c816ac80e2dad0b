"""Seeded private things never reach a therapist, even one the couple shares everything with."""

import pytest
from django.urls import reverse

from checkins import consent as consent_menu
from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS, ConsentItem
from couples import pause
from couples.access import active_membership
from journal import sharing
from repair import letters, questions, reflections, sessions
from repair.models import Exercise
from tests.journal.factories import EntryFactory

from .conftest import HTMX
from .factories import full_access, make_therapist

pytestmark = pytest.mark.django_db
CANARY = "CANARY-7f3a"


def seed_private_things(alice, bob):
    a, b = active_membership(alice), active_membership(bob)
    # Journal: one entry kept private, one shared with the partner only, one with the therapist.
    EntryFactory(author=alice, body=f"{CANARY} private entry", feelings=f"{CANARY} f")
    partner_only = EntryFactory(author=bob, body=f"{CANARY} for Alice only")
    sharing.set_sharing(entry=partner_only, with_partner=True, with_therapist=False)
    for_therapist = EntryFactory(author=alice, body="Shared with Theo on purpose")
    sharing.set_sharing(entry=for_therapist, with_partner=False, with_therapist=True)
    # Check-ins: notes and feelings, even a note shared with the partner.
    scores = dict.fromkeys(SAFETY_FIELDS, 3)
    record_checkin(
        user=alice,
        membership=a,
        light="red",
        scores=scores,
        feelings=f"{CANARY} feelings",
        note=f"{CANARY} note",
        note_shared=True,
    )
    record_checkin(
        user=bob, membership=b, light="green", scores=scores, note=f"{CANARY} b"
    )
    # A reflection kept private, and a shared one.
    exercise = Exercise.objects.filter(who="together").order_by("phase__order").first()
    session = sessions.invite(membership=a, exercise=exercise)
    sessions.accept(session=session, user=bob)
    sessions.mark_ready(session=session, user=alice)
    sessions.mark_ready(session=session, user=bob)
    sessions.end(session=session, user=alice)
    reflections.save_reflection(
        session=session,
        user=alice,
        safety=2,
        noticed=f"{CANARY} reflection",
        share=False,
    )
    reflections.save_reflection(
        session=session, user=bob, safety=4, noticed="Felt steadier", share=True
    )
    # Consent menu: a one-sided yes is never revealed; its label is the canary.
    item = ConsentItem.objects.order_by("pk").first()
    item.label = f"{CANARY} item"
    item.save()
    consent_menu.set_answer(user=alice, item=item, answer="yes")
    consent_menu.set_answer(user=bob, item=item, answer="no")
    # The letter: a sent version, then a private draft of the next one.
    letter = letters.letter_for(b)
    sections = dict.fromkeys(
        ("what_i_did", "how_it_hurt", "doing_now", "will_keep_doing"), "Sent words"
    )
    letters.send(letter=letter, sections=sections)
    letters.save_draft(letter=letter, sections={"what_i_did": f"{CANARY} draft"})
    # Elsewhere: a pause note and a question.
    pause.start_pause(membership=a, note=f"{CANARY} pause")
    questions.ask(membership=a, text=f"{CANARY} question")


def test_nothing_private_reaches_a_therapist_who_is_shown_everything(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    seed_private_things(alice, bob)
    client.force_login(theo)
    exercise = Exercise.objects.order_by("phase__order", "order").first()
    responses = [
        client.get(reverse("therapists:dashboard")),
        client.get(reverse("therapists:couple", args=[made.code])),
        client.get(reverse("therapists:journey_and_exercises", args=[made.code])),
        client.get(reverse("therapists:journal_and_letter", args=[made.code])),
        client.get(reverse("therapists:export", args=[made.code])),
        client.post(
            reverse("therapists:add_note", args=[made.code]),
            {"body": "n"},
            headers=HTMX,
        ),
        client.post(
            reverse("therapists:suggest", args=[made.code]),
            {"exercise": str(exercise.code), "for_whom": "both"},
            headers=HTMX,
        ),
    ]
    # The shared things are there, each on its part of the couple's page and in the summary.
    assert "Felt steadier" in responses[2].text
    assert "Shared with Theo on purpose" in responses[3].text
    assert "Sent words" in responses[3].text
    for shared in ("Felt steadier", "Shared with Theo on purpose", "Sent words"):
        assert shared in responses[4].text
    for response in responses:
        assert response.status_code == 200
        assert CANARY not in response.text
