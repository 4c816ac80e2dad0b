"""Export and deletion of the card, the private list and the honesty log: each person's own rows."""

import pytest

from privacy.ownership import delete_account, export_for
from steadying import honesty
from steadying.models import Card, FloodedMoment, HonestyNote, HonestyThanks

from .conftest import note_by, write_card

pytestmark = pytest.mark.django_db


def sections(user) -> dict:
    return {s["model"]: s["rows"] for s in export_for(user)["sections"]}


def test_each_export_carries_only_its_writers_rows(alice, bob, couple):
    write_card(alice, history=True)
    FloodedMoment.objects.create(user=alice)
    note = note_by(bob, "bob's own words")
    honesty.thank(note=note, reader=alice)
    mine, his = sections(alice), sections(bob)
    assert [r["helps"] for r in mine["steadying.Card"]] == ["Sit with me, no talking."]
    assert len(mine["steadying.FloodedMoment"]) == 1
    assert mine["steadying.HonestyNote"] == []
    assert len(mine["steadying.HonestyThanks"]) == 1
    assert [r["body"] for r in his["steadying.HonestyNote"]] == ["bob's own words"]
    assert his["steadying.Card"] == []
    assert his["steadying.HonestyThanks"] == []


def test_deleting_the_writer_deletes_their_notes_and_the_thanks_for_them(
    alice, bob, couple
):
    first = note_by(bob)
    note_by(bob, "a correction", corrects=first)
    honesty.thank(note=first, reader=alice)
    write_card(alice)
    delete_account(user=bob)
    assert not HonestyNote.objects.exists()
    assert not HonestyThanks.objects.exists()
    assert Card.objects.filter(user=alice).exists()


def test_deleting_the_reader_keeps_the_writers_notes(alice, bob, couple):
    note = note_by(bob)
    honesty.thank(note=note, reader=alice)
    write_card(alice, history=True)
    FloodedMoment.objects.create(user=alice)
    delete_account(user=alice)
    assert HonestyNote.objects.filter(author=bob).count() == 1
    assert not HonestyThanks.objects.exists()
    assert not Card.objects.exists()
    assert not FloodedMoment.objects.exists()
