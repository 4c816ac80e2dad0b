"""Private writing is sealed at rest: a canary never reaches the database in the clear."""

import base64
import datetime
import re
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from checkins.models import CheckIn
from core import crypto
from core.crypto import DecryptionError, new_key_spec, parse_keys
from core.fields import EncryptedTextField, associated_data
from couples import pause as pausing
from couples.access import active_membership
from couples.models import Pause

pytestmark = pytest.mark.django_db

CANARY = "canary-7f3a: the thing I could not say out loud"


def raw_note(pause_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM couples_pause WHERE id = %s", [pause_id])
        return cursor.fetchone()[0]


@pytest.fixture
def paused(alice, couple):
    return pausing.start_pause(membership=active_membership(alice), note=CANARY)


def test_r19_the_raw_row_holds_neither_the_text_nor_its_base64(paused):
    raw = raw_note(paused.pk)
    assert CANARY not in raw
    assert base64.b64encode(CANARY.encode()).decode()[:20] not in raw
    assert Pause.objects.get(pk=paused.pk).note == CANARY


def test_r19_two_saves_of_the_same_text_differ(paused):
    first = raw_note(paused.pk)
    paused.note = CANARY
    paused.save()
    assert raw_note(paused.pk) != first


def test_r20_a_missing_key_raises_instead_of_showing_ciphertext(paused, settings):
    settings.FIELD_ENCRYPTION_KEYS = parse_keys(new_key_spec("other"))
    with pytest.raises(DecryptionError):
        _ = Pause.objects.get(pk=paused.pk).note


def test_r20_a_wrong_key_with_the_same_id_raises(paused, settings):
    key_id = crypto.current_key_id()
    settings.FIELD_ENCRYPTION_KEYS = parse_keys(new_key_spec(key_id))
    with pytest.raises(DecryptionError):
        _ = Pause.objects.get(pk=paused.pk).note


def test_r20_a_value_moved_to_another_row_fails_to_open(paused, bob):
    other = pausing.start_pause(membership=active_membership(bob), note="mine")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE couples_pause SET note = %s WHERE id = %s",
            [raw_note(paused.pk), other.pk],
        )
    with pytest.raises(DecryptionError):
        _ = Pause.objects.get(pk=other.pk).note


def test_r21_rotation_rewrites_every_row_and_the_old_key_can_go(paused, settings):
    old = settings.FIELD_ENCRYPTION_KEYS
    settings.FIELD_ENCRYPTION_KEYS = parse_keys(new_key_spec("new")) | old
    call_command("reencrypt")
    assert raw_note(paused.pk).startswith("new$")
    settings.FIELD_ENCRYPTION_KEYS = {"new": settings.FIELD_ENCRYPTION_KEYS["new"]}
    assert Pause.objects.get(pk=paused.pk).note == CANARY


def test_r21_rotating_the_secret_key_leaves_private_text_readable(paused, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-completely-different-secret-key-for-this-test"
    assert Pause.objects.get(pk=paused.pk).note == CANARY


def test_bulk_update_with_plain_text_is_refused(paused):
    with pytest.raises(ValueError, match="never queryset.update"), transaction.atomic():
        Pause.objects.filter(pk=paused.pk).update(note="plain words")
    assert CANARY not in raw_note(paused.pk)


def raw_checkin(checkin_id: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT feelings, note FROM checkins_checkin WHERE id = %s", [checkin_id]
        )
        return cursor.fetchone()


@pytest.fixture
def checkin(alice, couple):
    return CheckIn.objects.create(
        user=alice,
        couple=couple,
        local_date=datetime.date(2026, 3, 1),
        light="yellow",
        safe=3,
        not_performing=3,
        can_say_no=3,
        can_say_yes=3,
        equal=3,
        feelings="canary feelings, only for the feelings field",
        note="canary note, only for the note field",
    )


def test_r20_a_value_moved_to_another_field_of_the_same_row_fails_to_open(checkin):
    feelings, _ = raw_checkin(checkin.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE checkins_checkin SET note = %s WHERE id = %s",
            [feelings, checkin.pk],
        )
    moved = CheckIn.objects.get(pk=checkin.pk)
    assert moved.feelings == "canary feelings, only for the feelings field"
    with pytest.raises(DecryptionError):
        _ = moved.note


def test_r20_two_fields_of_one_row_swapped_fail_to_open(checkin):
    feelings, note = raw_checkin(checkin.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE checkins_checkin SET feelings = %s, note = %s WHERE id = %s",
            [note, feelings, checkin.pk],
        )
    swapped = CheckIn.objects.get(pk=checkin.pk)
    with pytest.raises(DecryptionError):
        _ = swapped.feelings
    with pytest.raises(DecryptionError):
        _ = swapped.note


def _models_with_several_sealed_fields() -> list:
    found = []
    for model in apps.get_models():
        sealed = [
            field
            for field in model._meta.fields
            if isinstance(field, EncryptedTextField)
        ]
        if len(sealed) >= 2:
            found.append(pytest.param(model, sealed, id=model._meta.label))
    return found


@pytest.mark.parametrize(("model", "sealed"), _models_with_several_sealed_fields())
def test_r20_in_every_model_a_value_sealed_for_one_field_opens_in_no_other(
    model, sealed
):
    row = model(code=uuid.uuid4())
    for field in sealed:
        value = crypto.seal("canary", associated_data=associated_data(row, field))
        for other in sealed:
            if other is not field:
                with pytest.raises(DecryptionError):
                    crypto.open_sealed(
                        value, associated_data=associated_data(row, other)
                    )


def test_a_dump_holds_only_sealed_text_and_loads_back_whole(paused, tmp_path):
    """dumpdata writes a sealed value (never the text, never an empty string), and loaddata
    stores it as it is, so it opens again in its own row."""
    dump = tmp_path / "pauses.json"
    call_command("dumpdata", "couples.pause", output=str(dump))
    text = dump.read_text()
    assert CANARY not in text
    [dumped] = [value for value in re.findall(r'"note": "([^"]*)"', text) if value]
    assert crypto.key_id_of(dumped) == crypto.current_key_id()
    Pause.objects.filter(pk=paused.pk).delete()
    call_command("loaddata", str(dump))
    assert raw_note(paused.pk) == dumped  # stored as dumped, not sealed a second time
    assert Pause.objects.get(pk=paused.pk).note == CANARY


def test_a_deferred_sealed_field_loads_and_opens_on_first_read(paused):
    pause = Pause.objects.defer("note").get(pk=paused.pk)
    assert "note" not in pause.__dict__
    assert pause.note == CANARY
