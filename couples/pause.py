"""Permission to pause: one tap, no reason asked; only the partner who paused can resume.

While either partner has a pause open, for the couple as a whole: no exercise together can be
proposed, accepted or started (so no "now" invitation either), the consent menu rests, neither
partner sees the other's check-in light, and no intimacy-related prompt is sent. Accountability,
journaling, exercises done alone and each person's own check-ins stay open.

A pause may also be someone's quiet mode (couples.safety_check): to the partner it is this same
pause, with the same effects, so nothing on their screens can tell the two apart.

Signal ``couple_paused(sender=Pause, couple_id=...)`` is sent after the pause is committed, so the
apps above (repair's exercise sessions) can end anything running for both partners.
"""

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from .models import Membership, Pause

couple_paused = Signal()


def is_paused(couple_id: int) -> bool:
    return Pause.objects.filter(couple_id=couple_id, ended_at__isnull=True).exists()


def couple_is_paused(membership: Membership) -> bool:
    """Whether either partner of this membership's couple has a pause open.

    Read from the membership when couples.access.active_membership annotated it (both partners'
    memberships carry the couple's pause state), else with one query.
    """
    if hasattr(membership, "i_am_paused"):
        return membership.i_am_paused or membership.partner_is_paused
    return is_paused(membership.couple_id)


def open_pause_for(membership: Membership) -> Pause | None:
    return Pause.objects.filter(
        couple_id=membership.couple_id,
        user_id=membership.user_id,
        ended_at__isnull=True,
    ).first()


@transaction.atomic
def start_pause(*, membership: Membership, note: str = "") -> Pause:
    existing = open_pause_for(membership)
    if existing:
        return existing  # a second tap, or a second tab: still one pause
    try:
        with transaction.atomic():
            pause = Pause.objects.create(
                couple_id=membership.couple_id, user_id=membership.user_id, note=note
            )
    except IntegrityError:
        return open_pause_for(membership)
    couple_id = membership.couple_id
    transaction.on_commit(lambda: couple_paused.send(sender=Pause, couple_id=couple_id))
    return pause


def save_pause_note(*, pause: Pause, note: str) -> None:
    pause.note = note
    pause.save(update_fields=["note"])


@transaction.atomic
def end_pause(*, membership: Membership) -> bool:
    """Only the partner who paused can resume: this ends their own pause and nobody else's."""
    return bool(
        Pause.objects.filter(
            couple_id=membership.couple_id,
            user_id=membership.user_id,
            ended_at__isnull=True,
        ).update(ended_at=timezone.now())
    )
