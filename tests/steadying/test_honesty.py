"""The honesty log: offered by the partner who broke trust, read by the other, append-only."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from steadying.models import HonestyNote, HonestyThanks

from .conftest import note_by

pytestmark = pytest.mark.django_db


def test_the_partner_who_broke_trust_writes_and_the_other_reads(
    client, alice, bob, couple
):
    client.force_login(bob)
    response = client.post(
        reverse("steadying:honesty"), {"body": "Running late: the train."}
    )
    assert response.status_code == 302
    note = HonestyNote.objects.get()
    assert note.author == bob
    client.force_login(alice)
    page = client.get(reverse("steadying:honesty")).content.decode()
    assert "Running late: the train." in page
    assert "Thank you for telling me" in page
    assert "<textarea" not in page  # the reader has nothing to write back


def test_the_hurt_partner_cannot_write_to_the_log(client, alice, couple):
    client.force_login(alice)
    response = client.post(reverse("steadying:honesty"), {"body": "x"})
    assert response.status_code == 403
    assert not HonestyNote.objects.exists()


def test_in_a_mutual_couple_either_writes_and_each_reads_the_other(client, mutual_pair):
    sam, kit = mutual_pair
    note_by(sam, "from sam")
    note_by(kit, "from kit")
    client.force_login(sam)
    page = client.get(reverse("steadying:honesty")).content.decode()
    assert "from sam" in page
    assert "from kit" in page


def test_newest_first_and_a_correction_is_a_new_note(client, alice, bob, couple):
    first = note_by(bob, "Home at six.")
    client.force_login(bob)
    client.post(
        reverse("steadying:honesty"),
        {"body": "Seven, not six.", "corrects": str(first.code)},
    )
    correction = HonestyNote.objects.exclude(pk=first.pk).get()
    assert correction.corrects == first
    assert HonestyNote.objects.get(pk=first.pk).body == "Home at six."
    client.force_login(alice)
    page = client.get(reverse("steadying:honesty")).content.decode()
    assert page.index("Seven, not six.") < page.index("Home at six.")
    assert "corrects the note from" in page


def test_nobody_else_sees_the_log(client, alice, bob, couple, charlie, theo):
    note_by(bob, "canary-honesty")
    for person in (charlie, theo):
        client.force_login(person)
        response = client.get(reverse("steadying:honesty"))
        assert "canary-honesty" not in response.content.decode()
    client.force_login(theo)
    assert client.get(reverse("steadying:honesty")).status_code == 404


def test_thank_you_once_per_note_and_only_by_the_reader(client, alice, bob, couple):
    note = note_by(bob)
    url = reverse("steadying:honesty_thanks", args=[note.code])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(alice)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert HonestyThanks.objects.filter(note=note, reader=alice).count() == 1
    assert (
        "You said thank you."
        in client.get(reverse("steadying:honesty")).content.decode()
    )


def test_the_database_refuses_to_change_or_remove_a_note(bob, couple):
    if connection.vendor != "postgresql":
        pytest.skip("the guard is a PostgreSQL trigger")
    note = note_by(bob, "as it was")
    for statement in (
        "UPDATE steadying_honestynote SET created_at = now() WHERE id = %s",
        "UPDATE steadying_honestynote SET body = body WHERE id = %s",
        "DELETE FROM steadying_honestynote WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [note.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        HonestyNote.objects.filter(author=bob).delete()
    assert HonestyNote.objects.get(pk=note.pk).body == "as it was"


def test_a_key_rotation_may_reseal_a_note_without_changing_its_words(
    bob, couple, settings
):
    from core.crypto import new_key_spec, parse_keys
    from core.fields import reseal_row

    note = note_by(bob, "the same words")
    settings.FIELD_ENCRYPTION_KEYS = (
        parse_keys(new_key_spec("newer")) | settings.FIELD_ENCRYPTION_KEYS
    )
    assert reseal_row(HonestyNote, note.pk, ["body"])
    assert HonestyNote.objects.get(pk=note.pk).body == "the same words"
