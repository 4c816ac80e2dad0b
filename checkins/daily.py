"""The daily check-in, once per local day: one tap on a light is a whole check-in. A note is
optional, and so are the five safety statements, offered after the light and never on a red day."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from core.dates import local_today
from couples.models import Membership
from couples.pause import couple_is_paused

from .models import SAFETY_FIELDS, CheckIn, Light


def todays_checkin(user) -> CheckIn | None:
    return CheckIn.objects.filter(user=user, local_date=local_today(user)).first()


def todays_light(user) -> str | None:
    """The person's light for their own today, or None before they check in."""
    return (
        CheckIn.objects.filter(user=user, local_date=local_today(user))
        .values_list("light", flat=True)
        .first()
    )


def todays_checkins(
    user, partner: Membership | None
) -> tuple[CheckIn | None, CheckIn | None]:
    """The person's check-in for their today and their partner's for theirs, in one query.

    The partner's is only for partner_today(), which decides what of it may be shown.
    """
    wanted = Q(user=user, local_date=local_today(user))
    if partner is not None:
        wanted |= Q(user_id=partner.user_id, local_date=local_today(partner.user))
    found = {checkin.user_id: checkin for checkin in CheckIn.objects.filter(wanted)}
    return found.get(user.pk), found.get(partner.user_id) if partner else None


@transaction.atomic
def record_checkin(
    *,
    user,
    membership: Membership | None,
    light: str,
    scores: dict[str, int | None] | None = None,
    feelings: str = "",
    note: str = "",
    note_shared: bool = False,
) -> CheckIn:
    """Creates today's check-in, or revises it if the person already checked in today.

    ``scores`` None leaves the statements as they are: changing the light keeps them."""
    todays = CheckIn.objects.select_for_update().filter(
        user=user, local_date=local_today(user)
    )
    checkin = todays.first()
    is_first = checkin is None
    if is_first:
        checkin = CheckIn(user=user, local_date=local_today(user))
    checkin.couple_id = membership.couple_id if membership else None
    checkin.light = light
    if scores is not None:
        for name in SAFETY_FIELDS:
            setattr(checkin, name, scores.get(name))
    checkin.feelings = feelings
    checkin.note = note
    checkin.note_shared = note_shared and bool(note)
    if not is_first:
        checkin.save()
        return checkin
    try:
        with transaction.atomic():
            checkin.save()
    except IntegrityError:
        # The first check-in of the day sent twice at once (a double tap, two tabs): the other
        # request made today's row a moment ago. This one revises it, like any later change.
        existing = todays.get()
        checkin.pk, checkin.code = existing.pk, existing.code
        checkin.created_at = existing.created_at
        checkin.save(force_update=True)
    return checkin


class NotAskedToday(Exception):
    """The statements aren't asked today: there is no light yet, or today's light is red."""


def statements_asked(checkin: CheckIn | None) -> bool:
    """The statements come after the light, and never on a red day."""
    return checkin is not None and checkin.light != Light.RED


@transaction.atomic
def record_statements(*, user, scores: dict[str, int | None]) -> CheckIn:
    """Adds the safety statements to today's check-in; one left empty stays unanswered."""
    checkin = (
        CheckIn.objects.select_for_update()
        .filter(user=user, local_date=local_today(user))
        .first()
    )
    if not statements_asked(checkin):
        raise NotAskedToday
    for name in SAFETY_FIELDS:
        setattr(checkin, name, scores.get(name))
    checkin.save(update_fields=[*SAFETY_FIELDS, "updated_at"])
    return checkin


@dataclass(frozen=True)
class PartnerToday:
    """What one partner may see of the other's day. Nothing at all until they have given their own,
    and nothing at all, both ways, while a pause is on (``resting``)."""

    revealed: bool
    name: str = ""
    resting: bool = False
    light: str | None = None
    shared_note: str = ""

    @property
    def is_red_day(self) -> bool:
        return self.light == Light.RED

    @property
    def light_label(self) -> str:
        return Light(self.light).label if self.light else ""


_UNREAD = object()


def partner_today(
    *, mine: CheckIn | None, partner: Membership | None, theirs=_UNREAD
) -> PartnerToday | None:
    """``theirs``: the partner's check-in when already read with todays_checkins()."""
    if partner is None:
        return None
    if couple_is_paused(partner):
        # A pause (someone's quiet mode among them) rests the reveal for the couple, both ways.
        return PartnerToday(
            revealed=False, name=partner.user.display_name, resting=True
        )
    if mine is None:
        return PartnerToday(revealed=False, name=partner.user.display_name)
    if theirs is _UNREAD:
        theirs = CheckIn.objects.filter(
            user_id=partner.user_id, local_date=local_today(partner.user)
        ).first()
    return PartnerToday(
        revealed=True,
        name=partner.user.display_name,
        light=theirs.light if theirs else None,
        shared_note=theirs.note if theirs and theirs.note_shared else "",
    )
