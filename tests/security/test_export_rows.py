"""R17: the export holds exactly the rows the person wrote, checked row by row by owner id.

Who owns a row is written out here, as plain ORM lookups, on purpose apart from
privacy.ownership: a wrong lookup there (one that also matches the partner's rows, or misses some
of the person's) must make this test fail rather than agree with itself.
"""

import datetime
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.test import Client
from django.urls import reverse

from checkins.consent import opt_in
from checkins.models import ConsentAnswer, ConsentItem
from checkins.session_lights import set_light
from couples.access import active_membership
from journal.models import Draft, Entry
from prompts.models import EmailOptOut, Kind, Prompt
from repair import journey, reflections, sessions, suggestions
from repair.models import Exercise
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair
from tests.therapists.factories import full_access, make_therapist
from therapists.notes import add_note

from .data import write_everything, write_replies

# Each kind of row a person can own, and the lookup from the row to that person.
AUTHORED = {
    "accounts.User": "pk",
    "account.EmailAddress": "user",
    "mfa.Authenticator": "user",
    "usersessions.UserSession": "user",
    "couples.Membership": "user",
    "couples.Invitation": "invited_by",
    "couples.Pause": "user",
    "couples.SafetyCheck": "user",
    "couples.TherapistGrant": "user",
    "checkins.CheckIn": "user",
    "checkins.ConsentAnswer": "user",
    "checkins.ConsentOptIn": "user",
    "checkins.SessionLight": "user",
    "journal.Entry": "author",
    "journal.EntryTag": "entry__author",
    "journal.Draft": "author",
    "journal.Acknowledgement": "author",
    "repair.PhaseProposal": "proposed_by",
    "repair.JourneyEvent": "by",
    "repair.ExerciseDone": "user",
    "repair.ExerciseSession": "inviter",
    "repair.Reflection": "author",
    "repair.Letter": "author",
    "repair.LetterVersion": "letter__author",
    "repair.LetterResponse": "responder",
    "repair.Question": "asked_by",
    "repair.AnswerVersion": "author",
    "repair.Suggestion": "suggested_by",
    "repair.StiTesting": "asked_by",
    "repair.StiTestingDone": "user",
    "core.AutosavedText": "owner",
    "measures.Response": "person",
    "measures.TrendShare": "person",
    "steadying.Card": "user",
    "steadying.FloodedMoment": "user",
    "steadying.HardDate": "owner",
    "steadying.HonestyNote": "author",
    "steadying.HonestyThanks": "reader",
    "prompts.Preferences": "user",
    "prompts.Prompt": "user",
    "prompts.EmailOptOut": "user",
    "reach.Device": "user",
    "therapists.TherapistProfile": "user",
    "therapists.TherapistNote": "therapist",
}

# Kinds only a therapist writes: the partners in these tests own none of them.
THERAPISTS_ONLY = {
    "repair.Suggestion",
    "therapists.TherapistProfile",
    "therapists.TherapistNote",
}


def authored_by(user) -> dict[str, set[int]]:
    """The ids of every row `user` owns, by kind, straight from the database."""
    return {
        label: set(
            apps.get_model(label)
            ._default_manager.filter(**{lookup: user.pk})
            .values_list("pk", flat=True)
        )
        for label, lookup in AUTHORED.items()
    }


def authored_by_anyone_of(people) -> dict[str, set[int]]:
    ids = {label: set() for label in AUTHORED}
    for person in people:
        for label, found in authored_by(person).items():
            ids[label] |= found
    return ids


def _write_couple(first, second, canaries: dict, therapist) -> None:
    """Both partners write everything, reply to each other, and do things together."""
    couple = pair(first, second)
    for person, partner in ((first, second), (second, first)):
        write_everything(person, partner, couple, canaries[person.pk])
    for person, partner in ((first, second), (second, first)):
        write_replies(person, partner, couple, canaries[person.pk])

    first_m, second_m = active_membership(first), active_membership(second)
    # The partner who broke trust suggests moving on; the hurt partner says not yet, then moves on.
    proposal = journey.propose_advance(membership=second_m)
    journey.decline_advance(membership=first_m, code=proposal.code)
    journey.propose_advance(membership=first_m)

    exercise = Exercise.objects.get(slug="daily-honesty")
    session = sessions.invite(membership=first_m, exercise=exercise)
    sessions.accept(session=session, user=second)
    sessions.mark_ready(session=session, user=first)
    sessions.mark_ready(session=session, user=second)
    for person in (first, second):
        set_light(session=session, user=person, light="yellow")
    sessions.end(session=session, user=second)

    items = ConsentItem.objects.order_by("pk")[1:3]
    for number, (person, membership) in enumerate(
        ((first, first_m), (second, second_m))
    ):
        canary = canaries[person.pk]
        reflections.save_reflection(
            session=session,
            user=person,
            safety=4,
            noticed=f"{canary} room",
            share=False,
        )
        opt_in(membership=membership)
        for item in items:
            ConsentAnswer.objects.create(user=person, item=item, answer="maybe")
        Entry.objects.create(
            author=person,
            written_on=datetime.date(2026, 3, 2),
            body=f"{canary} private entry",
        )
        Draft.objects.create(author=person, body=f"{canary} second draft")
        Prompt.objects.create(
            user=person,
            kind=Kind.values[0],
            key="2026-03-01",
            local_date=datetime.date(2026, 3, 1),
            text="a gentle nudge",
        )
        EmailOptOut.objects.create(user=person, kind=Kind.values[0])
        Authenticator.objects.create(
            user=person, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
        )
        UserSession.objects.create(
            user=person,
            ip="127.0.0.1",
            session_key=f"session-of-{person.pk}-{number}",
            user_agent="a phone",
        )

    full_access(couple, therapist, first, second)
    add_note(therapist=therapist, couple=couple, body="a therapist's note")
    suggestions.suggest_exercise(
        couple=couple, exercise=exercise, by=therapist, note="try this together"
    )


def write_two_couples(alice, bob) -> dict:
    """Alice and Bob, and Charlie and Dana, each with a therapist, all writing everything.

    Returns the people, and the canary each person's words carry."""
    charlie = UserFactory(email="charlie@example.com", display_name="Charlie")
    dana = UserFactory(email="dana@example.com", display_name="Dana")
    theo = UserFactory(email="theo@example.com", display_name="Theo")
    tess = UserFactory(email="tess@example.com", display_name="Tess")
    for therapist in (theo, tess):
        make_therapist(therapist)
    canaries = {
        person.pk: f"CANARY-{person.display_name.upper()}-{person.pk}"
        for person in (alice, bob, charlie, dana)
    }
    _write_couple(alice, bob, canaries, theo)
    _write_couple(charlie, dana, canaries, tess)
    return {
        "people": {
            "alice": alice,
            "bob": bob,
            "charlie": charlie,
            "dana": dana,
            "theo": theo,
            "tess": tess,
        },
        "canaries": canaries,
    }


@pytest.fixture
def world(alice, bob):
    return write_two_couples(alice, bob)


@pytest.mark.django_db
def test_the_world_gives_every_kind_of_row_to_alice_and_to_someone_else(world, alice):
    """Without rows on both sides, a leak or a missing row could not show."""
    people = world["people"].values()
    mine = authored_by(alice)
    others = authored_by_anyone_of(p for p in people if p != alice)
    for label in AUTHORED:
        assert others[label], f"{label}: nobody else owns one"
        if label not in THERAPISTS_ONLY:
            assert mine[label], f"{label}: Alice owns none"
    assert len(mine["journal.Entry"]) >= 2
    assert len(mine["repair.JourneyEvent"]) >= 2


@pytest.mark.django_db
def test_the_export_holds_exactly_alices_rows_checked_by_id_and_owner(world, alice):
    client = Client()
    client.force_login(alice)
    response = client.get(reverse("privacy:export_download"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["person"] == str(alice.code)

    mine = authored_by(alice)
    others = authored_by_anyone_of(p for p in world["people"].values() if p != alice)
    sections = {section["model"]: section["rows"] for section in data["sections"]}
    assert len(sections) == len(data["sections"]), "a kind of row is exported twice"
    assert set(sections) == set(AUTHORED), (
        "every kind of row a person can own is exported, and nothing else"
    )

    for label, rows in sections.items():
        model = apps.get_model(label)
        lookup = AUTHORED[label]
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"{label}: a row is exported twice"
        assert not set(ids) & others[label], f"{label}: someone else's rows exported"
        # Each exported row is in the database, and the database says it is Alice's.
        assert model._default_manager.filter(
            pk__in=ids, **{lookup: alice.pk}
        ).count() == len(ids), f"{label}: an exported row is not Alice's"
        # Where the row names its owner itself, the exported copy names Alice too.
        if "__" not in lookup and lookup != "pk":
            owner_field = model._meta.get_field(lookup)
            for row in rows:
                assert row[owner_field.attname] == alice.pk, label
        assert len(rows) == len(mine[label]), f"{label}: rows missing from the export"
        assert set(ids) == mine[label], label
