"""The honesty log: notes offered by the partner who broke trust, read when the other chooses.

Offered, never extracted: nothing asks for a note, counts them or reminds anyone. Notes are
append-only in the database; a correction is a new note pointing at the earlier one.
"""

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from couples.models import Role

from .models import HonestyNote, HonestyThanks

ERASING_SETTING = "mend.erasing_user"


class NotAllowed(Exception):
    pass


def can_write(membership) -> bool:
    """The partner who broke trust; in a couple where both did, either."""
    return membership is not None and membership.role in (Role.INVOLVED, Role.MUTUAL)


def can_read(membership, partner) -> bool:
    """The partner the notes are for: the one who did not write them."""
    return membership is not None and partner is not None and can_write(partner)


def notes_written(membership):
    return (
        HonestyNote.objects.filter(
            couple_id=membership.couple_id, author_id=membership.user_id
        )
        .select_related("corrects")
        .annotate(thanked=Exists(HonestyThanks.objects.filter(note_id=OuterRef("pk"))))
        .order_by("-created_at", "-pk")
    )


def notes_to_read(membership, partner):
    return (
        HonestyNote.objects.filter(
            couple_id=membership.couple_id, author_id=partner.user_id
        )
        .select_related("corrects")
        .annotate(
            thanked=Exists(
                HonestyThanks.objects.filter(
                    note_id=OuterRef("pk"), reader_id=membership.user_id
                )
            )
        )
        .order_by("-created_at", "-pk")
    )


def write_note(*, membership, body: str, corrects: HonestyNote | None = None):
    if not can_write(membership):
        raise NotAllowed
    if corrects is not None and (
        corrects.author_id != membership.user_id
        or corrects.couple_id != membership.couple_id
    ):
        raise NotAllowed
    return HonestyNote.objects.create(
        couple_id=membership.couple_id,
        author_id=membership.user_id,
        body=body,
        corrects=corrects,
    )


def thank(*, note: HonestyNote, reader) -> None:
    """Once per note; a second tap changes nothing."""
    HonestyThanks.objects.get_or_create(note=note, reader=reader)


def permit_erasing_notes_of(user) -> None:
    """Lets this transaction delete the person's own notes, and only theirs, as their account goes.

    The trigger on the notes table reads this setting; it lasts until the transaction ends.
    """
    if connection.vendor != "postgresql":
        return
    assert transaction.get_connection().in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, %s, true)", [ERASING_SETTING, str(user.pk)]
        )
