"""Testing before sexual exercises.

After an affair, the partner who was hurt may ask that both of them get tested for sexually
transmitted infections before any sexual exercise together (with mutual roles, either partner may
ask). It is a condition, not a judgement, and it is the asker's to set and to take back.

Mend keeps no medical detail: only that testing was asked for, and each person's own word that
they have done it. Each partner sees the other's "done" or "not yet" and nothing more: no results,
no dates of tests, no clinic. While the condition stands and either "done" is missing, the
sexual exercises (kind "intimacy") cannot be started as a session; everything else stays open.

Only the person who asked can withdraw the condition. Withdrawing clears both "done" marks, so a
later request asks afresh.
"""

from dataclasses import dataclass

from django.db import transaction

from couples.access import partner_membership
from couples.models import Couple, Membership, Role

from .models import Exercise, Kind, StiTesting, StiTestingDone

HOLD_MESSAGE = (
    "Testing has been asked for before sexual exercises, so this one waits until you have both "
    "said it's done. Everything else in this phase is open to you in the meantime."
)


class TestingError(Exception):
    """A step that can't be taken; the message is fit to show as it is."""


def gates(exercise: Exercise) -> bool:
    """The exercises the condition holds back: the sexual ones."""
    return exercise.kind == Kind.INTIMACY


def can_ask(membership: Membership) -> bool:
    return membership.role in (Role.INJURED, Role.MUTUAL)


def holds_back(*, couple_id: int) -> bool:
    """Whether testing was asked for here and not everyone in the couple has said it's done."""
    condition = StiTesting.objects.filter(couple_id=couple_id).first()
    if condition is None:
        return False
    members = set(
        Membership.objects.active()
        .filter(couple_id=couple_id)
        .values_list("user_id", flat=True)
    )
    done = set(
        StiTestingDone.objects.filter(couple_id=couple_id).values_list(
            "user_id", flat=True
        )
    )
    return len(members) < 2 or not members <= done


@dataclass(frozen=True)
class Status:
    asked: bool
    asked_by_me: bool
    can_ask: bool
    me_done: bool
    partner_done: bool
    holding: bool


def status_for(membership: Membership) -> Status:
    condition = StiTesting.objects.filter(couple_id=membership.couple_id).first()
    partner = partner_membership(membership)
    done = set(
        StiTestingDone.objects.filter(couple_id=membership.couple_id).values_list(
            "user_id", flat=True
        )
    )
    me_done = condition is not None and membership.user_id in done
    partner_done = (
        condition is not None and partner is not None and partner.user_id in done
    )
    return Status(
        asked=condition is not None,
        asked_by_me=condition is not None
        and condition.asked_by_id == membership.user_id,
        can_ask=can_ask(membership),
        me_done=me_done,
        partner_done=partner_done,
        holding=condition is not None and not (me_done and partner_done),
    )


def _lock_couple(membership: Membership) -> None:
    # One row to queue on: a double tap, or both partners at once, end in one consistent state.
    Couple.objects.select_for_update().get(pk=membership.couple_id)


@transaction.atomic
def ask(*, membership: Membership) -> StiTesting:
    if not can_ask(membership):
        raise TestingError(
            "Asking for testing is for the partner who was hurt. You can still say you've done it."
        )
    _lock_couple(membership)
    condition, _ = StiTesting.objects.get_or_create(
        couple_id=membership.couple_id, defaults={"asked_by_id": membership.user_id}
    )
    return condition


@transaction.atomic
def withdraw(*, membership: Membership) -> None:
    _lock_couple(membership)
    condition = StiTesting.objects.filter(couple_id=membership.couple_id).first()
    if condition is None:
        return  # already taken back: a double tap is harmless
    if condition.asked_by_id != membership.user_id:
        raise TestingError("Only the person who asked for testing can take it back.")
    StiTestingDone.objects.filter(couple_id=membership.couple_id).delete()
    condition.delete()


@transaction.atomic
def mark_done(*, membership: Membership, done: bool) -> None:
    """The person's own word, for themselves only; they can take it back if they pressed it by
    mistake."""
    _lock_couple(membership)
    if not StiTesting.objects.filter(couple_id=membership.couple_id).exists():
        raise TestingError("Testing hasn't been asked for here.")
    if done:
        StiTestingDone.objects.get_or_create(
            couple_id=membership.couple_id, user_id=membership.user_id
        )
    else:
        StiTestingDone.objects.filter(
            couple_id=membership.couple_id, user_id=membership.user_id
        ).delete()
