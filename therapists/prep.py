"""The session-prep page's picture of one couple, since the session date the therapist sets.

Built only from what the partners share, like the couple's page (therapists/shared.py): both
partners' measures side by side with reliable-change marks (category "measures", per person), open
flags, check-in trends, exercises done, journey moves and journal entries shared with the therapist.
A fixed handful of queries whatever the history's size (R32): one per section, none per row.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import F, Q, Value
from django.utils import timezone

from checkins import trends as checkin_trends
from couples.models import ShareCategory
from journal.models import Entry
from measures import trends as measure_trends
from measures.models import TREND_FIELDS, Instrument, Response
from repair.models import ExerciseDone, JourneyEvent

from .shared import SharedProgress

# How far back the page may reach, and the most rows a list shows.
LONGEST = datetime.timedelta(days=366)
ROWS = 60
DONE = "exercise_done"


@dataclass
class PersonMeasure:
    person: object
    trend: (
        measure_trends.Trend | None
    )  # None: this person hasn't answered it in the window


@dataclass
class MeasureRow:
    instrument: Instrument
    people: list[PersonMeasure]


@dataclass(frozen=True)
class Moment:
    what: str
    title: str
    who: str
    at: datetime.datetime
    is_exercise: bool


@dataclass
class Prep:
    progress: SharedProgress
    since: datetime.date
    measures_shared_by: list = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    flags: list[Response] = field(default_factory=list)
    checkins: list = field(default_factory=list)  # (person, weeks)
    timeline: list["Moment"] | None = None  # None: neither exercises nor journey shared
    entries: list[Entry] | None = None


def default_since(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(weeks=2)


def clamp_since(since: datetime.date, today: datetime.date) -> datetime.date:
    return min(max(since, today - LONGEST), today)


def prep_for(progress: SharedProgress, *, since: datetime.date) -> Prep:
    prep = Prep(progress=progress, since=since)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    _add_measures(prep, start)
    _add_checkins(prep)
    _add_timeline(prep, start)
    _add_shared_entries(prep, start)
    return prep


def _add_measures(prep: Prep, start) -> None:
    sharing = prep.progress.sharing
    people = [
        person
        for person in prep.progress.partners
        if sharing.person_shares(person.pk, ShareCategory.MEASURES)
    ]
    prep.measures_shared_by = people
    if not people:
        return
    # One query: their answers in this couple since the date, and any flag still open.
    rows = list(
        Response.objects.filter(
            person_id__in=[p.pk for p in people],
            couple_id=prep.progress.invite.couple_id,
        )
        .filter(
            Q(taken_at__gte=start)
            | Q(flagged_at__isnull=False, flag_acknowledged_at__isnull=True)
        )
        .select_related("instrument")
        .only(
            "code",
            "person_id",
            "taken_at",
            "result",
            "flagged_at",
            "flag_acknowledged_at",
            *(f"instrument__{name}" for name in TREND_FIELDS),
        )
        .order_by("taken_at", "pk")
    )
    prep.flags = [r for r in rows if r.flagged_at and r.flag_acknowledged_at is None]
    for flag in prep.flags:
        flag.person_name = prep.progress.name_of(flag.person_id)
    scored: dict[tuple[int, int], list] = {}
    instruments: dict[int, Instrument] = {}
    for response in rows:
        if response.taken_at < start:
            continue
        instruments[response.instrument_id] = response.instrument
        scored.setdefault((response.instrument_id, response.person_id), []).append(
            (response.taken_at, response.total)
        )
    for instrument in sorted(instruments.values(), key=lambda i: (i.order, i.pk)):
        prep.measures.append(
            MeasureRow(
                instrument=instrument,
                people=[
                    PersonMeasure(
                        person=person,
                        trend=measure_trends.trend(
                            instrument.trend_rules, scored[(instrument.pk, person.pk)]
                        )
                        if (instrument.pk, person.pk) in scored
                        else None,
                    )
                    for person in people
                ],
            )
        )


def _add_checkins(prep: Prep) -> None:
    people = [
        person
        for person in prep.progress.partners
        if prep.progress.sharing.person_shares(person.pk, ShareCategory.CHECKINS)
    ]
    if not people:
        return
    days = (timezone.localdate() - prep.since).days
    weeks = max(1, min(53, math.ceil((days + 1) / 7) + 1))
    weeks_of = checkin_trends.weekly_trends(people, weeks=weeks)
    prep.checkins = [
        (person, [w for w in weeks_of[person.pk] if w.days]) for person in people
    ]


def _add_timeline(prep: Prep, start) -> None:
    """Exercises done and journey moves since the date, newest first, in one query."""
    couple_id = prep.progress.invite.couple_id
    sharing = prep.progress.sharing
    columns = ("what", "title", "who", "at")
    parts = []
    if sharing.both(ShareCategory.SESSIONS):
        parts.append(
            ExerciseDone.objects.filter(couple_id=couple_id, done_at__gte=start)
            .annotate(
                what=Value(DONE),
                title=F("exercise__title"),
                who=F("user__display_name"),
                at=F("done_at"),
            )
            .order_by()
            .values_list(*columns)
        )
    if sharing.both(ShareCategory.JOURNEY):
        parts.append(
            JourneyEvent.objects.filter(couple_id=couple_id, at__gte=start)
            .annotate(
                what=F("kind"), title=F("phase__title"), who=F("by__display_name")
            )
            .order_by()
            .values_list(*columns)
        )
    if not parts:
        return
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    kinds = dict(JourneyEvent.Kind.choices)
    prep.timeline = [
        Moment(
            what="Did an exercise" if what == DONE else kinds.get(what, what),
            title=title,
            who=who or "",
            at=at,
            is_exercise=what == DONE,
        )
        for what, title, who, at in rows.order_by("-at")[:ROWS]
    ]


def _add_shared_entries(prep: Prep, start) -> None:
    journaling = prep.progress.sharing.people_sharing(ShareCategory.JOURNAL)
    if not journaling:
        return
    prep.entries = list(
        Entry.objects.filter(
            author_id__in=journaling,
            shared_in_id=prep.progress.invite.couple_id,
            shared_with_therapist_at__gte=start,
        )
        .select_related("author")
        .order_by("-shared_with_therapist_at")[:ROWS]
    )
