"""Sharing an entry with a partner or the couple's therapist, and a partner's acknowledgement.

What a partner can see is worked out from the couple both people are in now (see
``EntryQuerySet.shared_with``): nothing is copied, so unsharing or leaving takes effect at once.
"""

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.text import same_text
from couples.access import active_membership, partner_membership
from couples.models import Membership
from couples.signals import announce_shared

from .models import Acknowledgement, Entry


class SharingError(Exception):
    """A share that can't happen, with a message fit to show the person."""


@transaction.atomic
def set_sharing(*, entry: Entry, with_partner: bool, with_therapist: bool) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    membership = active_membership(entry.author)
    if (with_partner or with_therapist) and membership is None:
        raise SharingError(
            "Sharing opens up once you and your partner are together in Mend. "
            "Until then, everything you write stays with you."
        )
    if with_partner and partner_membership(membership) is None:
        raise SharingError(
            "Your partner hasn't joined yet, so there is nobody to share with. "
            "This entry stays private to you."
        )
    if membership is None or entry.shared_in_id != membership.couple_id:
        # A share from an earlier couple means nothing now.
        entry.shared_with_partner_at = entry.shared_with_therapist_at = None
    now = timezone.now()
    newly_shared = with_partner and entry.shared_with_partner_at is None
    entry.shared_with_partner_at = (
        (entry.shared_with_partner_at or now) if with_partner else None
    )
    entry.shared_with_therapist_at = (
        (entry.shared_with_therapist_at or now) if with_therapist else None
    )
    entry.shared_in_id = (
        membership.couple_id if (with_partner or with_therapist) else None
    )
    entry.save(
        update_fields=[
            "shared_in",
            "shared_with_partner_at",
            "shared_with_therapist_at",
        ]
    )
    if newly_shared:
        partner = partner_membership(membership)
        announce_shared(
            sender=Entry, recipient_id=partner.user_id, key=f"entry:{entry.code}"
        )
    return entry


def recently_shared_by(partner: Membership, *, limit: int = 3) -> list[dict]:
    """Code and date of the latest entries ``partner`` shared in the couple they are in now.

    For a summary (the home page). ``partner`` comes from the one membership lookup, which already
    says both people are in that couple, so the query needs no membership checks of its own, and
    it reads no entry text.
    """
    return list(
        Entry.objects.filter(
            author_id=partner.user_id,
            shared_in_id=partner.couple_id,
            shared_with_partner_at__isnull=False,
        )
        .order_by("-shared_with_partner_at")
        .values("code", "written_on")[:limit]
    )


def shared_with(user) -> QuerySet[Entry]:
    return (
        Entry.objects.shared_with(user)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-shared_with_partner_at")
    )


def acknowledgements_kept_for(user) -> QuerySet[Acknowledgement]:
    """The person's own acknowledgements of entries they can no longer read (unshared, deleted,
    or the couple has ended): their words alone, read by owner, without the entry."""
    return (
        Acknowledgement.objects.filter(author=user)
        .exclude(entry__in=Entry.objects.shared_with(user))
        .order_by("-updated_at")
    )


def acknowledgement_by(*, entry: Entry, user) -> Acknowledgement | None:
    return entry.acknowledgements.filter(author=user).first()


def acknowledgements_for_author(
    *, entry: Entry, membership: Membership | None
) -> QuerySet[Acknowledgement]:
    """What the author's partner wrote back, while the two of them are still a couple."""
    if membership is None:
        return Acknowledgement.objects.none()
    return entry.acknowledgements.filter(couple_id=membership.couple_id).select_related(
        "author"
    )


@transaction.atomic
def acknowledge_entry(
    *,
    entry: Entry,
    membership: Membership,
    what_i_hear: str,
    makes_sense: str,
    message: str = "",
) -> Acknowledgement:
    """Writes or rewrites this partner's one acknowledgement of a shared entry."""
    fields = {
        "what_i_hear": what_i_hear,
        "makes_sense": makes_sense,
        "message": message,
    }
    existing = (
        Acknowledgement.objects.select_for_update()
        .filter(entry=entry, author_id=membership.user_id)
        .first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                return Acknowledgement.objects.create(
                    entry=entry,
                    author_id=membership.user_id,
                    couple_id=membership.couple_id,
                    **fields,
                )
        except IntegrityError:  # a second tab wrote one at the same moment
            existing = Acknowledgement.objects.select_for_update().get(
                entry=entry, author_id=membership.user_id
            )
    if all(same_text(getattr(existing, name), value) for name, value in fields.items()):
        return existing  # saved again as it was: nothing changed, so no new version
    existing.keep_current_as_earlier()
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.couple_id = membership.couple_id
    existing.updated_at = timezone.now()
    existing.save()
    return existing
