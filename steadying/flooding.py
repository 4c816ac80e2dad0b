"""The "I'm flooded" tap and the person's own card.

A tap always opens the grounding screen. It reaches the partner only when the person chose so on
their card, and then only with the card: never a reason, never what set it off.

A pause does not hold the card back. A pause silences invitations towards closeness; a flooded tap
is the opposite, a request for care that the person set up themselves, at a calm moment. Holding
it back would leave them alone at the one time they asked not to be. If the person who taps is the
one pausing, the card still goes only because they chose it; they can turn it off at any time.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from couples.access import partner_membership

from .models import Card, FloodedMoment
from .signals import card_sent


def card_for(user) -> Card | None:
    return Card.objects.filter(user=user).first()


@transaction.atomic
def save_card(
    *,
    user,
    helps: str,
    does_not_help: str,
    send_to_partner: bool,
    keep_history: bool,
) -> Card:
    card = Card.objects.select_for_update().filter(user=user).first() or Card(user=user)
    card.helps = helps
    card.does_not_help = does_not_help
    card.send_to_partner = send_to_partner
    card.keep_history = keep_history
    if not keep_history:
        card.history_shared_with_therapist_at = None  # no list, nothing to show
    card.updated_at = timezone.now()
    card.save()
    if not keep_history:
        # Turning the history off lets it go: nothing is kept that the person no longer wants.
        FloodedMoment.objects.filter(user=user).delete()
    return card


def share_history_with_therapist(*, user, share: bool) -> None:
    """Shows (or stops showing) the private list to the therapist; only a kept list can be shown."""
    Card.objects.filter(user=user, keep_history=True).update(
        history_shared_with_therapist_at=timezone.now() if share else None
    )


def histories_shared_with_therapist(user_ids, *, limit: int):
    """The newest moments of the people among `user_ids` who show their list to their therapist."""
    return (
        FloodedMoment.objects.filter(
            user_id__in=user_ids,
            user__flood_card__keep_history=True,
            user__flood_card__history_shared_with_therapist_at__isnull=False,
        )
        .order_by("-at")
        .only("user_id", "at", "card_sent")[:limit]
    )


def tap(*, user, membership) -> bool:
    """Records nothing and sends nothing unless the person chose to. Returns whether the card went."""
    card = card_for(user)
    partner = partner_membership(membership) if membership else None
    sends = bool(card and card.send_to_partner and card.is_written and partner)
    if card and card.keep_history:
        FloodedMoment.objects.create(user=user, card_sent=sends)
    if sends:
        key = f"card:{uuid.uuid4().hex}"
        # After the commit, and robust: the grounding screen never waits on, or fails with, the nudge.
        transaction.on_commit(
            lambda: card_sent.send(
                sender=Card, from_id=user.pk, recipient_id=partner.user_id, key=key
            ),
            robust=True,
        )
    return sends


def card_shared_with(user, membership) -> Card | None:
    """The partner's card, if they chose to send it to this person; None otherwise."""
    if membership is None:
        return None
    partner = partner_membership(membership)
    if partner is None:
        return None
    card = (
        Card.objects.filter(user_id=partner.user_id, send_to_partner=True)
        .select_related("user")
        .first()
    )
    return card if card and card.is_written else None


def history_for(user):
    return FloodedMoment.objects.filter(user=user).order_by("-at")
