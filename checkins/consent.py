"""The private yes / no / maybe consent menu, and the only thing it ever reveals: mutual answers.

A shared item (kissing) matches the partner's answer to the same item. A directional item (giving,
receiving; me suggesting, you suggesting) matches only the partner's answer to its counterpart: two
yeses to "Receiving oral sex" are not a match, one "receiving" and one "giving" are.

A match is shown when both said yes, or one yes and one maybe ("maybe — talk first"). A "no", a
one-sided answer, two maybes, and an answer resting past its "check again" time are never
revealed, by any path.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from couples.models import Couple, Membership

from .models import Answer, ConsentAnswer, ConsentGroup, ConsentItem, ConsentOptIn

BOTH_YES = "yes"
TALK_FIRST = "talk-first"


def mutual_state(first: str | None, second: str | None) -> str | None:
    """The shared state of one match from both partners' answers, or None if nothing may be shown."""
    pair = {first, second}
    if pair == {Answer.YES}:
        return BOTH_YES
    if pair == {Answer.YES, Answer.MAYBE}:
        return TALK_FIRST
    return None


@dataclass(frozen=True)
class MutualItem:
    item: ConsentItem  # the side the first person answered
    other: ConsentItem  # the side the second person answered: the same item when shared
    state: str

    @property
    def talk_first(self) -> bool:
        return self.state == TALK_FIRST

    @property
    def directional(self) -> bool:
        return self.item.pk != self.other.pk


def counting(now: datetime.datetime) -> Q:
    """Answers that count: not resting past their "check again" time."""
    return Q(check_again_at__isnull=True) | Q(check_again_at__gt=now)


def answers_of(user) -> dict[int, str]:
    return dict(
        ConsentAnswer.objects.filter(user=user)
        .exclude(answer="")
        .values_list("item_id", "answer")
    )


def my_answers(user) -> dict[int, ConsentAnswer]:
    """The person's own answers, notes and check-again times, by item: for their eyes only."""
    return {row.item_id: row for row in ConsentAnswer.objects.filter(user=user)}


def mutual_items(
    *, first_user_id: int, second_user_id: int, now: datetime.datetime | None = None
) -> list[MutualItem]:
    """Matches for two people, in the first person's menu order, from one query over both
    people's counting answers and one over the items they name."""
    now = now or timezone.now()
    rows = ConsentAnswer.objects.filter(
        counting(now),
        user_id__in=[first_user_id, second_user_id],
        answer__in=[Answer.YES, Answer.MAYBE],
        item__published=True,
    ).values_list("item_id", "item__counterpart_id", "user_id", "answer")
    firsts: dict[
        int, tuple[int, str]
    ] = {}  # first's item -> (the side it meets, answer)
    seconds: dict[int, str] = {}
    for item_id, counterpart_id, user_id, answer in rows:
        if user_id == first_user_id:
            firsts[item_id] = (counterpart_id or item_id, answer)
        else:
            seconds[item_id] = answer
    matches = {
        item_id: (other_id, state)
        for item_id, (other_id, answer) in firsts.items()
        if (state := mutual_state(answer, seconds.get(other_id)))
    }
    wanted = set(matches) | {other_id for other_id, _ in matches.values()}
    items = {
        item.pk: item
        for item in ConsentItem.objects.filter(pk__in=wanted).select_related("group")
    }
    mutual = [
        MutualItem(item=items[item_id], other=items[other_id], state=state)
        for item_id, (other_id, state) in matches.items()
    ]
    mutual.sort(
        key=lambda m: (m.item.group.order, m.item.group_id, m.item.order, m.item.pk)
    )
    return mutual


def menu() -> list[ConsentGroup]:
    return list(
        ConsentGroup.objects.prefetch_related(
            Prefetch(
                "items",
                queryset=ConsentItem.objects.filter(published=True).order_by(
                    "order", "pk"
                ),
            )
        )
    )


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` later, or the month's last day when it is shorter."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@transaction.atomic
def set_answer(
    *,
    user,
    item: ConsentItem,
    answer: str | None,
    note: str = "",
    check_again_months: int | None = None,
    now: datetime.datetime | None = None,
) -> None:
    """Saves one answer, its private note and its "check again" choice. Saving is also looking
    again: a resting answer counts again from now. An empty answer with no note clears it; a
    change to "no" leaves the mutual list at once."""
    if not answer and not note:
        ConsentAnswer.objects.filter(user=user, item=item).delete()
        return
    now = now or timezone.now()
    row = ConsentAnswer.objects.filter(user=user, item=item).first() or ConsentAnswer(
        user=user, item=item
    )
    row.answer = answer or ""
    row.note = note
    row.check_again_months = check_again_months
    row.check_again_at = (
        add_months(now, check_again_months) if check_again_months else None
    )
    row.save()


@transaction.atomic
def pair_items(*, item: ConsentItem, counterpart: ConsentItem) -> None:
    """Makes two items the two sides of one directional pair, both ways at once."""
    if item.pk == counterpart.pk:
        raise ValidationError("An item cannot be its own other half.")
    for one, other in ((item, counterpart), (counterpart, item)):
        if one.counterpart_id not in (None, other.pk):
            raise ValidationError(f"“{one}” is already paired with another item.")
    # An item that was shared now means one side only: answers given to it rest until each person
    # looks at them again, so no yes carries over to a meaning nobody answered.
    was_shared = [one.pk for one in (item, counterpart) if one.counterpart_id is None]
    ConsentAnswer.objects.filter(item_id__in=was_shared).update(
        check_again_at=timezone.now()
    )
    # Each half in turn, so "a directional item has its other half" holds after every statement.
    for one, other in ((item, counterpart), (counterpart, item)):
        one.kind = ConsentItem.Kind.DIRECTIONAL
        one.counterpart = other
        ConsentItem.objects.filter(pk=one.pk).update(kind=one.kind, counterpart=other)


def is_open(couple: Couple, *, current_phase_order: int) -> bool:
    """From phase 3, or earlier when both partners have opted in."""
    if current_phase_order >= 3:
        return True
    return ConsentOptIn.objects.filter(couple=couple).count() >= 2


def has_opted_in(membership: Membership) -> bool:
    return ConsentOptIn.objects.filter(
        couple_id=membership.couple_id, user_id=membership.user_id
    ).exists()


def opt_in(*, membership: Membership) -> None:
    try:
        with transaction.atomic():
            ConsentOptIn.objects.create(
                couple_id=membership.couple_id, user_id=membership.user_id
            )
    except IntegrityError:
        pass  # already opted in


def withdraw_opt_in(*, membership: Membership) -> None:
    ConsentOptIn.objects.filter(
        couple_id=membership.couple_id, user_id=membership.user_id
    ).delete()
