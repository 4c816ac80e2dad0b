"""How often a gentle prompt invites a couple to their measures, and a therapist's suggestion of it.

The couple chooses (either partner, for both); a therapist with the "measures" share may suggest a
cadence, which becomes the couple's only when one of them accepts it. The cadence only invites:
answering stays optional, and answers stay sealed. The prompts themselves are prompts/' business
(prompts.measures_due), which reads the cadence from here.

Periods are counted from a fixed Monday, so a period and its prompt key never depend on when the
cadence was chosen or on today's date: one invitation per person and period, whatever runs twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

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


def set_cadence(
    *, couple, weeks: int, by, from_suggestion: bool = False
) -> MeasureCadence:
    """`by` is the membership of the partner choosing, for both of them."""
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

    `by` is the membership of the partner answering."""
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
