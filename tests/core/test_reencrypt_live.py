"""Key rotation never reverts an edit: `reencrypt` runs while people write, and afterwards every
saved edit is there and every row is sealed under the newest key.

Edits go through the journal's own save path (`journal.entries.update_entry`), each from its own
thread and database connection, as two web processes would.
"""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection

import core.fields
from core.crypto import new_key_spec, parse_keys
from journal import entries
from journal.models import Entry
from tests.conftest import require_service
from tests.journal.factories import EntryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def raw_rows() -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, body, feelings FROM journal_entry")
        return {pk: (body, feelings) for pk, body, feelings in cursor.fetchall()}


def edit(pk: int, body: str) -> None:
    """One save through the app, on a connection of its own."""
    try:
        entry = Entry.objects.get(pk=pk)
        entries.update_entry(
            entry=entry,
            written_on=entry.written_on,
            body=body,
            feelings=entry.feelings,
            mood=entry.mood,
        )
    finally:
        connection.close()


def wait_while_running(thread: threading.Thread, *, seconds: float) -> None:
    """Waits for the thread for at most `seconds`, by short sleeps: a timed join can wait far
    longer than asked under faketime (the suite's date-shift runs), which moves the clock a
    timed wait is measured on."""
    deadline = time.monotonic() + seconds
    while thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def rotated(settings):
    """Sets a new newest key beside the old one, as an operator does before `reencrypt`."""

    def rotate() -> None:
        settings.FIELD_ENCRYPTION_KEYS = (
            parse_keys(new_key_spec("rotated")) | settings.FIELD_ENCRYPTION_KEYS
        )

    return rotate


def test_an_edit_saved_between_the_rotations_read_and_write_is_kept(
    alice, rotated, monkeypatch
):
    entry = EntryFactory(author=alice, body="the first words")
    rotated()
    original = core.fields.reseal
    editor: list[threading.Thread] = []

    def reseal_with_an_edit_in_between(instance, field_names):
        # The row has just been read for rewriting: someone saves an edit now. With the row
        # locked the edit waits for the rewrite; without, it lands first and is written over.
        if not editor:
            editor.append(
                threading.Thread(target=edit, args=(entry.pk, "the edited words"))
            )
            editor[0].start()
            wait_while_running(editor[0], seconds=1.5)
        return original(instance, field_names)

    monkeypatch.setattr(core.fields, "reseal", reseal_with_an_edit_in_between)
    call_command("reencrypt", stdout=io.StringIO())
    wait_while_running(editor[0], seconds=10)

    assert not editor[0].is_alive()
    assert Entry.objects.get(pk=entry.pk).body == "the edited words"
    body, feelings = raw_rows()[entry.pk]
    assert body.startswith("rotated$")
    assert feelings.startswith("rotated$")


def test_every_edit_made_during_a_rotation_is_kept_and_every_row_is_rotated(
    alice, rotated
):
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    pks = [EntryFactory(author=alice).pk for _ in range(120)]
    rotated()
    last_saved: dict[int, str] = {}
    done = threading.Event()
    failures: list[BaseException] = []

    def keep_editing(mine: list[int], who: int) -> None:
        round_ = 0
        try:
            while not done.is_set() or round_ < 2:
                round_ += 1
                for pk in mine:
                    text = f"editor {who}, round {round_}, entry {pk}"
                    edit(pk, text)
                    last_saved[pk] = text
        except BaseException as error:  # surfaced below as the test's failure
            failures.append(error)

    editors = [
        threading.Thread(target=keep_editing, args=(pks[who::3], who))
        for who in range(3)
    ]
    for thread in editors:
        thread.start()
    try:
        call_command("reencrypt", batch_size=20, stdout=io.StringIO())
    finally:
        done.set()
        for thread in editors:
            wait_while_running(thread, seconds=60)

    assert not failures
    assert len(last_saved) == len(pks)
    for pk in pks:
        assert Entry.objects.get(pk=pk).body == last_saved[pk]
    for body, feelings in raw_rows().values():
        assert body.startswith("rotated$")
        assert feelings.startswith("rotated$")


def test_rotation_works_on_rows_nobody_is_editing(alice, rotated):
    entry = EntryFactory(author=alice, body="left alone", feelings="")
    rotated()
    call_command("reencrypt", stdout=io.StringIO())
    assert raw_rows()[entry.pk][0].startswith("rotated$")
    assert Entry.objects.get(pk=entry.pk).body == "left alone"


def test_a_row_loaded_before_the_rotation_and_saved_after_it_stays_rotated(
    alice, rotated
):
    entry = EntryFactory(author=alice, body="read before the rotation")
    loaded = Entry.objects.get(pk=entry.pk)  # a page opened before the new key arrived
    rotated()
    call_command("reencrypt", stdout=io.StringIO())
    loaded.mood = "calm"
    loaded.save()  # every field, the untouched sealed text among them
    body, feelings = raw_rows()[entry.pk]
    assert body.startswith("rotated$")
    assert feelings.startswith("rotated$")
    assert Entry.objects.get(pk=entry.pk).body == "read before the rotation"
