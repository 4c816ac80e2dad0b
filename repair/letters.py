"""The accountability letter: written in guided sections, drafted privately, sent in versions.

Who writes and who witnesses: the partner who broke trust writes and the partner who was hurt
witnesses; with mutual roles each partner writes a letter and the other witnesses it. Only the
witness can say "I feel heard", which marks the letter witnessed; "not yet" is a whole answer
that asks for no words. The response belongs to the reader. A draft is never shown to anyone
but its writer; each sent version is kept.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.text import same_text
from couples.models import Membership, Role
from couples.signals import announce_shared

from .models import Letter, LetterResponse, LetterVersion
from .signals import announce_needs_answer


class LetterError(Exception):
    """A step that can't be taken; the message is fit to show as it is."""


def can_write(membership: Membership) -> bool:
    return membership.role in (Role.INVOLVED, Role.MUTUAL)


def can_witness(*, letter: Letter, membership: Membership) -> bool:
    if letter.author_id == membership.user_id:
        return False
    return membership.role in (Role.INJURED, Role.MUTUAL)


def letter_for(membership: Membership) -> Letter:
    letter, _ = Letter.objects.get_or_create(
        couple_id=membership.couple_id, author_id=membership.user_id
    )
    return letter


@transaction.atomic
def save_draft(*, letter: Letter, sections: dict[str, str]) -> Letter:
    for name in Letter.SECTIONS:
        if name in sections:
            setattr(letter, name, sections[name])
    letter.draft_saved_at = timezone.now()
    letter.save(update_fields=[*Letter.SECTIONS, "draft_saved_at"])
    return letter


@transaction.atomic
def send(*, letter: Letter, sections: dict[str, str]) -> LetterVersion:
    if any(not (sections.get(name) or "").strip() for name in Letter.SECTIONS):
        raise LetterError("Each part needs a few words before the letter is sent.")
    save_draft(letter=letter, sections=sections)
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    latest = letter.sent.order_by("-number").first()
    if latest is not None and all(
        same_text(getattr(latest, name), sections[name]) for name in Letter.SECTIONS
    ):
        # Sent again as it was (a double tap, or Send with nothing changed): no new version, so
        # the reader's "I feel heard" stands and nobody is asked to read it again.
        return latest
    number = (latest.number if latest is not None else 0) + 1
    version = LetterVersion.objects.create(
        letter=letter,
        number=number,
        **{name: sections[name] for name in Letter.SECTIONS},
    )
    # A new version asks to be read afresh: "heard" belonged to the version it answered.
    letter.witnessed_at = None
    letter.save(update_fields=["witnessed_at"])
    reader_id = (
        Membership.objects.active()
        .filter(couple_id=letter.couple_id)
        .exclude(user_id=letter.author_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if reader_id:
        announce_shared(
            sender=LetterVersion, recipient_id=reader_id, key=f"letter:{version.pk}"
        )
    return version


@transaction.atomic
def respond(
    *, version: LetterVersion, membership: Membership, kind: str, missing: str = ""
) -> LetterResponse:
    letter = Letter.objects.select_for_update().get(pk=version.letter_id)
    if not can_witness(letter=letter, membership=membership):
        raise LetterError("Only the partner the letter is written to can answer it.")
    response = LetterResponse.objects.create(
        version=version, responder=membership.user, kind=kind, missing=missing
    )
    latest = letter.sent.order_by("-number").values_list("pk", flat=True).first()
    if kind == LetterResponse.Kind.HEARD and version.pk == latest:
        letter.witnessed_at = response.at
        letter.save(update_fields=["witnessed_at"])
    announce_needs_answer(
        sender=LetterResponse, recipient_id=letter.author_id, key=f"reply:{response.pk}"
    )
    return response


def own_writing(user) -> dict:
    """What the person wrote here, read by owner, for when they are no longer in a couple.

    Their letters (the draft and every version they sent) and their own answers to letters, with
    not a word the other person wrote: no letter text of theirs and no answer of theirs. An answer
    keeps only the number of the version it answered, or nothing once that letter is gone.
    """
    my_letters = [
        letter
        for letter in Letter.objects.filter(author=user)
        .prefetch_related("sent")
        .order_by("-pk")
        if letter.draft_saved_at or letter.sent.all()
    ]
    my_responses = list(
        LetterResponse.objects.filter(responder=user)
        .annotate(version_number=F("version__number"))
        .order_by("-at")
    )
    return {"my_letters": my_letters, "my_responses": my_responses}
