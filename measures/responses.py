"""Completing a measure, reading one's own trend, and sharing it: the measures app's verbs.

A risky answer raises a flag on the response. Only a therapist the person shares "measures" with
ever sees it (therapists/prep.py); nothing about it reaches the partner, and it is never emailed.
"""

import json

from django.db import transaction
from django.utils import timezone

from . import scoring
from .models import Instrument, Response, TrendShare


@transaction.atomic
def record(
    *, person, couple, instrument: Instrument, answers: list[int | None]
) -> Response:
    """Scores and seals one completed measure."""
    result = scoring.score(instrument.rules, answers)
    now = timezone.now()
    return Response.objects.create(
        person=person,
        couple=couple,
        instrument=instrument,
        taken_at=now,
        answers=json.dumps(answers),
        result=json.dumps({"total": result.total, "risky": result.risky}),
        flagged_at=now if result.risky else None,
    )


def history(person, instrument: Instrument) -> list[Response]:
    """The person's own responses to one measure, oldest first."""
    return list(
        Response.objects.by(person)
        .filter(instrument=instrument)
        .order_by("taken_at", "pk")
        .only("code", "taken_at", "result", "flagged_at", "instrument_id")
    )


def latest_by_instrument(person) -> dict[int, Response]:
    """Each measure's most recent response from this person."""
    latest: dict[int, Response] = {}
    for response in (
        Response.objects.by(person)
        .order_by("instrument_id", "-taken_at", "-pk")
        .only("taken_at", "instrument_id")
    ):
        latest.setdefault(response.instrument_id, response)
    return latest


def set_trend_shared(*, person, couple, instrument: Instrument, shared: bool) -> None:
    if shared:
        TrendShare.objects.get_or_create(
            person=person, couple=couple, instrument=instrument
        )
    else:
        TrendShare.objects.filter(
            person=person, couple=couple, instrument=instrument
        ).delete()


def is_trend_shared(*, person, couple, instrument: Instrument) -> bool:
    return TrendShare.objects.filter(
        person=person, couple=couple, instrument=instrument
    ).exists()


def trends_shared_with(membership, partner) -> list[Instrument]:
    """The measures the partner (still in this couple) shares with this person."""
    if partner is None:
        return []
    return list(
        Instrument.objects.filter(
            pk__in=TrendShare.objects.filter(
                person_id=partner.user_id, couple_id=membership.couple_id
            ).values("instrument_id")
        )
    )


def acknowledge_flag(*, response: Response, therapist) -> None:
    Response.objects.filter(pk=response.pk, flag_acknowledged_at__isnull=True).update(
        flag_acknowledged_at=timezone.now(), flag_acknowledged_by=therapist
    )
