"""A person's trend on one measure, in plain words: each score, whether a change is more than the
measure's everyday noise (reliable change), and which side of the published cut-off it sits."""

from dataclasses import dataclass

from . import scoring


@dataclass(frozen=True)
class Point:
    taken_at: object
    total: float
    change: float | None  # from the one before
    kind: str  # "first", "noise", "easier" or "harder", against the one before
    past_cutoff: bool


@dataclass(frozen=True)
class Trend:
    points: list[Point]
    overall: str  # the latest against the first: "noise", "easier", "harder", or "" if one point
    threshold: float | None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None


def trend(rules: scoring.Rules, scored: list[tuple[object, float]]) -> Trend:
    """`scored` is (when, total) pairs, oldest first."""
    points = []
    previous = None
    for taken_at, total in scored:
        if previous is None:
            kind, change = "first", None
        else:
            kind, change = scoring.change_kind(rules, previous, total), total - previous
        points.append(
            Point(taken_at, total, change, kind, scoring.past_cutoff(rules, total))
        )
        previous = total
    overall = ""
    if len(points) > 1:
        overall = scoring.change_kind(rules, points[0].total, points[-1].total)
    return Trend(points, overall, scoring.reliable_change_threshold(rules))
