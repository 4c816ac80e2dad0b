"""R17: deleting an account removes every row the person wrote, looked up again by id afterwards,
and ends the couple for the partner, who keeps their own writing (principle 11)."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import reverse

from couples.access import active_membership
from couples.models import Couple, Membership
from repair.models import ExerciseSession
from tests.accounts.factories import PASSWORD

from .test_export_rows import AUTHORED, authored_by, write_two_couples

# A session is the couple's shared history: the partner's reflections and lights hang on it, so it
# stays, without the person (its pointer to them is SET_NULL).
SHARED = {"repair.ExerciseSession"}
# A one-tap thank-you holds no words: it goes with the honesty note it thanked for.
GOES_WITH_WHAT_IT_THANKS = {"steadying.HonestyThanks"}

# The partner's replies to what the person wrote. Each points at the person's row through a
# nullable SET_NULL link (Acknowledgement.entry, LetterResponse.version, AnswerVersion.question),
# so the deletion takes the person's words and leaves the partner's (principle 11).
REPLIES = {
    "journal.Acknowledgement": "entry__author",
    "repair.LetterResponse": "version__letter__author",
    "repair.AnswerVersion": "question__asked_by",
}


# Links from a person's row to a row that is always their own: taking both together is right.
SAME_PERSON = {
    ("journal.EntryTag", "entry"),
    ("journal.Draft", "entry"),
    ("repair.LetterVersion", "letter"),
    ("steadying.HonestyNote", "corrects"),  # a correction is by the note's own writer
    # A one-tap thank-you holds no words and means nothing without the note it thanks for.
    ("steadying.HonestyThanks", "note"),
}


@pytest.fixture
def world(alice, bob):
    return write_two_couples(alice, bob)


def delete_account(user) -> None:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("privacy:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:deleted")


def _replies_to(user) -> dict[str, set[int]]:
    return {
        label: set(
            apps.get_model(label)
            ._default_manager.filter(**{lookup: user.pk})
            .values_list("pk", flat=True)
        )
        for label, lookup in REPLIES.items()
    }


def _text_of_every_row():
    """Every stored value a person could have written, opened (decrypted), across all models."""
    for model in apps.get_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.TextField | models.CharField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._default_manager.all():
            for field in fields:
                value = getattr(row, field.attname)
                text = value if isinstance(value, str) else json.dumps(value)
                yield model._meta.label, field.name, text


@pytest.mark.django_db
def test_deleting_an_account_leaves_no_row_alice_wrote_by_id(world, alice):
    mine = authored_by(alice)
    assert all(mine[label] for label in ("repair.JourneyEvent", "repair.Letter"))

    delete_account(alice)

    for label, ids in mine.items():
        if label in SHARED:
            continue
        model = apps.get_model(label)
        left = list(
            model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
        assert not left, f"{label} rows {left} outlived Alice's account"
    # The sessions she proposed stay for Bob, without her.
    sessions = ExerciseSession.objects.filter(pk__in=mine["repair.ExerciseSession"])
    assert sessions.count() == len(mine["repair.ExerciseSession"])
    assert not sessions.filter(inviter__isnull=False).exists()


@pytest.mark.django_db
def test_deleting_an_account_leaves_nothing_pointing_at_alice_or_holding_her_words(
    world, alice
):
    alice_pk = alice.pk
    hers = (world["canaries"][alice_pk], alice.email)
    for words in hers:
        assert any(words in text for _, _, text in _text_of_every_row()), words

    delete_account(alice)

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                assert not model._default_manager.filter(
                    **{field.attname: alice_pk}
                ).exists(), f"{model._meta.label}.{field.name} still names Alice"
    for label, field, text in _text_of_every_row():
        for words in hers:
            assert words not in text, f"{label}.{field} still holds Alice's words"


@pytest.mark.django_db
def test_deleting_an_account_ends_the_couple_and_keeps_everyone_elses_rows(
    world, alice, bob
):
    people = world["people"]
    couple = Couple.objects.get(memberships__user=bob)
    before = {
        name: authored_by(person) for name, person in people.items() if name != "alice"
    }

    delete_account(alice)

    couple.refresh_from_db()
    assert couple.ended_at is not None
    assert active_membership(bob) is None
    assert Membership.objects.get(couple=couple, user=bob).left_at is not None
    for name, owned in before.items():
        for label, ids in owned.items():
            if label in GOES_WITH_WHAT_IT_THANKS:
                continue
            model = apps.get_model(label)
            kept = set(
                model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
            )
            assert kept == ids, f"{name}'s {label} rows {ids - kept} were deleted"
    # Charlie and Dana's couple goes on.
    assert active_membership(people["charlie"]) is not None


@pytest.mark.django_db
def test_deleting_an_account_keeps_the_partners_replies_to_what_they_wrote(
    world, alice
):
    replies = _replies_to(alice)
    assert all(replies.values())

    delete_account(alice)

    for label, ids in replies.items():
        model = apps.get_model(label)
        assert model._default_manager.filter(pk__in=ids).count() == len(ids), label


def test_no_ones_writing_hangs_on_another_persons_row_by_a_cascade():
    """Every link from one person's row to a row someone else may own lets go (SET_NULL) when
    that row is deleted, so deleting one person's words never takes another's with them."""
    owned = {}
    for label in AUTHORED:
        try:
            owned[apps.get_model(label)] = label
        except LookupError:
            continue
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    links = []
    for model, label in owned.items():
        for field in model._meta.concrete_fields:
            target = owned.get(field.related_model) if field.is_relation else None
            if target is None or field.related_model is user_model:
                continue
            if (label, field.name) in SAME_PERSON or target in SHARED:
                continue
            links.append(f"{label}.{field.name}")
            assert field.null, f"{label}.{field.name} cannot outlive {target}"
            assert field.remote_field.on_delete is models.SET_NULL, (
                f"deleting {target} would delete {label}"
            )
    assert set(links) >= {
        "journal.Acknowledgement.entry",
        "repair.LetterResponse.version",
        "repair.AnswerVersion.question",
    }
