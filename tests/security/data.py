"""One of everything a person can write, each carrying a canary, for privacy and safety tests."""

import datetime
import json

from django.utils import timezone

from checkins.models import CheckIn, ConsentAnswer, ConsentItem
from core.models import AutosavedText
from couples.models import Pause, SafetyCheck
from journal import sharing
from journal.models import Acknowledgement, Draft, Entry, EntryTag
from measures import responses as measures
from measures.models import Instrument
from prompts.preferences import preferences_for
from reach.models import Device
from repair.models import (
    AnswerVersion,
    Exercise,
    ExerciseSession,
    Letter,
    LetterResponse,
    LetterVersion,
    Question,
    Reflection,
    StiTesting,
    StiTestingDone,
)
from steadying.models import Card, FloodedMoment, HardDate, HonestyNote, HonestyThanks


def write_everything(person, partner, couple, canary: str) -> dict:
    """Rows `person` wrote, each text field holding `canary`."""
    now = timezone.now()
    rows = {}
    rows["checkin"] = CheckIn.objects.create(
        user=person,
        couple=couple,
        local_date=datetime.date(2026, 3, 1),
        light="red",
        safe=3,
        not_performing=3,
        can_say_no=3,
        can_say_yes=3,
        equal=3,
        feelings=f"{canary} feelings",
        note=f"{canary} note",
        note_shared=True,
    )
    ConsentAnswer.objects.create(
        user=person, item=ConsentItem.objects.first(), answer="yes"
    )
    Pause.objects.create(
        couple=couple, user=person, note=f"{canary} pause", ended_at=now
    )
    SafetyCheck.objects.create(
        couple=couple,
        user=person,
        sealed=json.dumps({"answers": {"fear": "yes"}, "canary": f"{canary} check"}),
    )
    entry = Entry.objects.create(
        author=person,
        written_on=datetime.date(2026, 3, 1),
        body=f"{canary} entry",
        feelings=f"{canary} entry feelings",
        mood="tired",
    )
    EntryTag.objects.create(entry=entry, tag="shut_down")
    rows["entry"] = sharing.set_sharing(
        entry=entry, with_partner=True, with_therapist=False
    )
    Draft.objects.create(author=person, body=f"{canary} draft")
    letter = Letter.objects.create(
        couple=couple,
        author=person,
        what_i_did=f"{canary} letter draft",
    )
    rows["letter_version"] = LetterVersion.objects.create(
        letter=letter,
        number=1,
        what_i_did=f"{canary} did",
        how_it_hurt=f"{canary} hurt",
        doing_now=f"{canary} now",
        will_keep_doing=f"{canary} keep",
    )
    rows["question"] = Question.objects.create(
        couple=couple, asked_by=person, text=f"{canary} question"
    )
    session = ExerciseSession.objects.create(
        couple=couple,
        exercise=Exercise.objects.first(),
        inviter=person,
        invitee=partner,
    )
    Reflection.objects.create(
        session=session, author=person, safety=3, noticed=f"{canary} reflection"
    )
    Card.objects.create(
        user=person,
        helps=f"{canary} helps",
        does_not_help=f"{canary} does not help",
        send_to_partner=True,
        keep_history=True,
    )
    FloodedMoment.objects.create(user=person, card_sent=True)
    HardDate.objects.create(
        owner=person,
        label=f"{canary} hard date",
        month=3,
        day=14,
        next_occurrence=datetime.date(2027, 3, 14),
        next_check_on=datetime.date(2027, 3, 10),
    )
    # Who wrote a note, not who may write one: both partners own one here.
    HonestyNote.objects.create(couple=couple, author=person, body=f"{canary} honesty")
    # Testing asked for once per couple (by whoever writes first); each person's own "done".
    StiTesting.objects.get_or_create(couple=couple, defaults={"asked_by": person})
    StiTestingDone.objects.create(couple=couple, user=person)
    AutosavedText.objects.create(
        owner=person, key="answer:world", text=json.dumps({"body": f"{canary} typing"})
    )
    Device.objects.create(
        user=person,
        endpoint=f"https://fcm.googleapis.com/fcm/send/{person.pk}",
        p256dh="BA" + "A" * 85,
        auth="A" * 22,
        label="Firefox on Android",
    )
    preferences_for(person)
    who5 = Instrument.objects.get(slug="who-5")
    rows["measure"] = measures.record(
        person=person, couple=couple, instrument=who5, answers=[3, 3, 3, 3, 3]
    )
    measures.set_trend_shared(
        person=person, couple=couple, instrument=who5, shared=True
    )
    return rows


def write_replies(person, partner, couple, canary: str) -> None:
    """`person`'s replies to what the partner wrote and shared."""
    partner_entry = Entry.objects.filter(
        author=partner, shared_with_partner_at__isnull=False
    ).first()
    if partner_entry:
        Acknowledgement.objects.create(
            entry=partner_entry,
            author=person,
            couple=couple,
            what_i_hear=f"{canary} hear",
            makes_sense=f"{canary} sense",
            message=f"{canary} message",
        )
    partner_version = LetterVersion.objects.filter(letter__author=partner).first()
    if partner_version:
        LetterResponse.objects.create(
            version=partner_version,
            responder=person,
            kind="not_yet",
            missing=f"{canary} missing",
        )
    partner_question = Question.objects.filter(asked_by=partner).first()
    if partner_question:
        AnswerVersion.objects.create(
            question=partner_question,
            author=person,
            number=1,
            text=f"{canary} answer",
        )
    partner_note = HonestyNote.objects.filter(author=partner).first()
    if partner_note:
        HonestyThanks.objects.create(note=partner_note, reader=person)
