"""How often a gentle prompt invites a couple to their measures, and a therapist's suggestion of it.

The couple chooses it, for both, and the hurt partner sets the pace (DESIGN.md §2, principle 1): in
a couple of a hurt partner and one who broke trust, the one who broke trust may only make the
invitations less frequent or turn them off; in a couple where both broke trust, either chooses
freely. A therapist with the "measures" share may suggest a cadence, which becomes the couple's only
when one of them takes it up, under the same rule (declining is open to either). The cadence only invites:
answering stays optional, and answers stay sealed. The prompts themselves are prompts/' business
(prompts.measures_due), which reads the cadence from here.

Periods are counted from a fixed Monday, so a period and its prompt key never depend on when the
cadence was chosen or on today's date: one invitation per person and period, whatever runs twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from couples.models import Role

from .models import Cadence, CadenceSuggestion, MeasureCadence, SuggestionAnswer

EPOCH = datetime.date(2001, 1, 1)  # a Monday


def period_start(weeks: int, day: datetime.date) -> datetime.date:
    """The first day of the period of `weeks` weeks that holds `day`."""
    length = 7 * weeks
    return EPOCH + datetime.timedelta(days=(day - EPOCH).days // length * length)


def prompt_key(weeks: int, day: datetime.date) -> str:
    """The idempotency key of the invitation for the period holding `day`."""
    return f"{weeks}w:{period_start(weeks, day).isoformat()}"


def cadence_of(couple_id: int) -> MeasureCadence | None:
    return (
        MeasureCadence.objects.select_related("set_by__user")
        .filter(couple_id=couple_id)
        .first()
    )


def weeks_by_couple(couple_ids) -> dict[int, int]:
    """The cadence of each couple that has one switched on: one query."""
    return dict(
        MeasureCadence.objects.filter(couple_id__in=couple_ids)
        .exclude(weeks=Cadence.OFF)
        .values_list("couple_id", "weeks")
    )


class NotTheirPace(Exception):
    """The partner who broke trust asked for more frequent invitations: that's the hurt partner's
    choice."""


def more_frequent(weeks: int, than: int) -> bool:
    """Whether `weeks` invites more often than `than` (no invitations is the least often)."""
    return weeks != Cadence.OFF and (than == Cadence.OFF or weeks < than)


def is_paced_by_partner(membership) -> bool:
    """Whether the other partner (the hurt one) chooses more frequent invitations."""
    return membership.role == Role.INVOLVED


def may_choose(membership, weeks: int, current: int) -> bool:
    """Whether this partner may choose `weeks` for both, the cadence being `current` now."""
    return not is_paced_by_partner(membership) or not more_frequent(weeks, current)


def choices_for(membership, current: int) -> list[int]:
    """The cadences this partner may choose, the current one among them."""
    return [weeks for weeks in Cadence.values if may_choose(membership, weeks, current)]


def current_weeks(couple_id: int) -> int:
    chosen = cadence_of(couple_id)
    return chosen.weeks if chosen else Cadence.OFF


@transaction.atomic
def set_cadence(
    *, couple, weeks: int, by, from_suggestion: bool = False
) -> MeasureCadence:
    """`by` is the membership of the partner choosing, for both of them. Raises NotTheirPace
    when the partner who broke trust asks for more frequent invitations."""
    locked = MeasureCadence.objects.select_for_update().filter(couple=couple).first()
    if not may_choose(by, weeks, locked.weeks if locked else Cadence.OFF):
        raise NotTheirPace
    cadence, _ = MeasureCadence.objects.update_or_create(
        couple=couple,
        defaults={
            "weeks": weeks,
            "set_by": by,
            "set_at": timezone.now(),
            "from_suggestion": from_suggestion,
        },
    )
    return cadence


# A therapist's suggestion ------------------------------------------------------------------------


@transaction.atomic
def suggest(*, invite, weeks: int, therapist) -> CadenceSuggestion:
    """A therapist's suggestion through their care-team invitation. A new one replaces any still
    waiting: the couple answers only the latest."""
    CadenceSuggestion.objects.filter(
        couple_id=invite.couple_id, answer=SuggestionAnswer.OPEN
    ).update(answer=SuggestionAnswer.REPLACED)
    return CadenceSuggestion.objects.create(
        couple_id=invite.couple_id,
        invite=invite,
        therapist_name=therapist.display_name or therapist.email,
        weeks=weeks,
    )


def open_suggestion(couple_id: int) -> CadenceSuggestion | None:
    return CadenceSuggestion.objects.filter(
        couple_id=couple_id, answer=SuggestionAnswer.OPEN
    ).first()


def latest_suggestion(invite) -> CadenceSuggestion | None:
    """The latest suggestion made through this care-team invitation, with who answered it."""
    return (
        CadenceSuggestion.objects.select_related("answered_by__user")
        .filter(couple_id=invite.couple_id, invite=invite)
        .first()
    )


def suggestion_for(membership, code) -> CadenceSuggestion | None:
    """An open suggestion to the person's own couple (never another couple's)."""
    return CadenceSuggestion.objects.filter(
        couple_id=membership.couple_id, code=code, answer=SuggestionAnswer.OPEN
    ).first()


@transaction.atomic
def answer(*, suggestion: CadenceSuggestion, accepted: bool, by) -> bool:
    """Accepts (the suggestion becomes the cadence) or declines it, once. False if already answered.

    `by` is the membership of the partner answering. Either may decline; taking it up raises
    NotTheirPace (from set_cadence, undoing the answer: it stays open) when it is the hurt
    partner's to choose."""
    answered = CadenceSuggestion.objects.filter(
        pk=suggestion.pk, answer=SuggestionAnswer.OPEN
    ).update(
        answer=SuggestionAnswer.ACCEPTED if accepted else SuggestionAnswer.DECLINED,
        answered_by=by,
        answered_at=timezone.now(),
    )
    if answered and accepted:
        set_cadence(
            couple=by.couple,
            weeks=suggestion.weeks,
            by=by,
            from_suggestion=True,
        )
    return bool(answered)
