"""A person's own trend, week by week: direction over weeks rather than single-day swings.

A day without a check-in, or a check-in with only a light, is missing from a statement's average,
never a zero: an average is over the days that statement was answered, a week with none has no
point, and the line breaks there rather than drawing across the gap."""

import datetime
from dataclasses import dataclass

from core.dates import local_today

from .models import SAFETY_FIELDS, SAFETY_STATEMENTS, CheckIn, Light

WEEKS = 12
SHORT_LABELS = {
    "safe": "Safe",
    "not_performing": "Not performing",
    "can_say_no": "Can say no",
    "can_say_yes": "Can say yes",
    "equal": "Equal",
}


@dataclass(frozen=True)
class Week:
    starts: datetime.date
    days: int
    green: int
    yellow: int
    red: int
    averages: dict[str, float | None]


@dataclass(frozen=True)
class QuietStretch:
    """Weeks in a row without a check-in, shown as one table row: twelve rows of nothing read
    like a record of absence."""

    starts: datetime.date
    last_week: datetime.date
    days: int = 0


def table_rows(weeks: list[Week]) -> list[Week | QuietStretch]:
    """The weeks for a table, each run of weeks without a check-in folded into one row."""
    rows: list[Week | QuietStretch] = []
    for week in weeks:
        if week.days:
            rows.append(week)
        elif rows and isinstance(rows[-1], QuietStretch):
            rows[-1] = QuietStretch(starts=rows[-1].starts, last_week=week.starts)
        else:
            rows.append(QuietStretch(starts=week.starts, last_week=week.starts))
    return rows


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _first_week(user, weeks: int) -> datetime.date:
    return week_start(local_today(user)) - datetime.timedelta(weeks=weeks - 1)


def weekly_trend(user, *, weeks: int = WEEKS) -> list[Week]:
    """The last `weeks` weeks (Monday-based, local dates), oldest first, in one query."""
    first = _first_week(user, weeks)
    rows = CheckIn.objects.filter(user=user, local_date__gte=first).values(
        "local_date", "light", *SAFETY_FIELDS
    )
    return _weeks_from(first, weeks, rows)


def weekly_trends(people, *, weeks: int = WEEKS) -> dict[int, list[Week]]:
    """weekly_trend for each of these people, by user id, from one query over them all."""
    firsts = {person.pk: _first_week(person, weeks) for person in people}
    if not firsts:
        return {}
    rows_of: dict[int, list[dict]] = {user_id: [] for user_id in firsts}
    for row in CheckIn.objects.filter(
        user_id__in=firsts, local_date__gte=min(firsts.values())
    ).values("user_id", "local_date", "light", *SAFETY_FIELDS):
        rows_of[row["user_id"]].append(row)
    return {
        user_id: _weeks_from(first, weeks, rows_of[user_id])
        for user_id, first in firsts.items()
    }


def _weeks_from(first: datetime.date, weeks: int, rows) -> list[Week]:
    buckets: dict[datetime.date, list[dict]] = {
        first + datetime.timedelta(weeks=i): [] for i in range(weeks)
    }
    for row in rows:
        days = buckets.get(week_start(row["local_date"]))
        if days is not None:  # each person's weeks start on their own local date
            days.append(row)
    result = []
    for starts, days in buckets.items():
        averages = {name: _average(d[name] for d in days) for name in SAFETY_FIELDS}
        lights = [d["light"] for d in days]
        result.append(
            Week(
                starts=starts,
                days=len(days),
                green=lights.count(Light.GREEN),
                yellow=lights.count(Light.YELLOW),
                red=lights.count(Light.RED),
                averages=averages,
            )
        )
    return result


def _average(scores) -> float | None:
    answered = [score for score in scores if score is not None]
    return round(sum(answered) / len(answered), 2) if answered else None


# The chart is drawn on the server as SVG: no script, and it prints.
CHART_WIDTH, CHART_HEIGHT, PAD = 400, 250, 34
SERIES_COLOURS = ["#2f6b5f", "#7a4b9a", "#1d5fa8", "#9a5b12", "#8a2d4a"]


def _points_attr(points) -> str:
    return " ".join(f"{x},{py}" for x, py in points)


def chart(weeks: list[Week]) -> dict:
    step = (CHART_WIDTH - 2 * PAD) / max(len(weeks) - 1, 1)

    def y(score: float) -> float:
        return round(CHART_HEIGHT - PAD - (score - 1) / 4 * (CHART_HEIGHT - 2 * PAD), 1)

    series = []
    for (name, statement), colour in zip(
        SAFETY_STATEMENTS, SERIES_COLOURS, strict=True
    ):
        points, segments, run = [], [], []
        for i, week in enumerate(weeks):
            if week.averages[name] is None:
                run = []  # a week without answers breaks the line
                continue
            point = (round(PAD + i * step, 1), y(week.averages[name]))
            points.append(point)
            if not run:
                segments.append(run)
            run.append(point)
        series.append(
            {
                "label": SHORT_LABELS[name],
                "statement": statement,
                "colour": colour,
                "points": points,
                "segments": [_points_attr(segment) for segment in segments],
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "series": series,
        "has_points": any(one["points"] for one in series),
        "gridlines": [{"score": s, "y": y(s)} for s in range(1, 6)],
        "ticks": [
            {"x": round(PAD + i * step, 1), "label": week.starts.strftime("%-d %b")}
            for i, week in enumerate(weeks)
            if (len(weeks) - 1 - i) % 3 == 0
        ],
        "pad": PAD,
    }
