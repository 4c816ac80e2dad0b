"""Scoring, as each instrument's published rules say: pure functions over plain numbers.

An instrument's rules come from its registry row (``Rules.of(instrument)``), so a locally added
instrument is scored by the same code. Nothing here reads the database.
"""

import math
from dataclasses import dataclass


class NotScorable(ValueError):
    """More items were left unanswered than the instrument's published rule allows."""


@dataclass(frozen=True)
class Rules:
    item_count: int
    scoring: str  # "sum", or "sum_times_4" (the WHO-5's percentage)
    missing_allowed: int = 0
    cutoff: float | None = None
    higher_is: str = "harder"  # or "easier": which way a higher score points
    risk_items: tuple[
        tuple[int, int], ...
    ] = ()  # (item number from 1, lowest risky answer)
    risk_total: int | None = None
    reliable_change: float | None = None
    reliability: float | None = None
    sd: float | None = None

    @classmethod
    def of(cls, instrument) -> "Rules":
        return cls(
            item_count=len(instrument.items),
            scoring=instrument.scoring,
            missing_allowed=instrument.missing_allowed,
            cutoff=instrument.cutoff,
            higher_is=instrument.higher_is,
            risk_items=tuple(tuple(pair) for pair in instrument.risk_items),
            risk_total=instrument.risk_total,
            reliable_change=instrument.reliable_change,
            reliability=instrument.reliability,
            sd=instrument.sd,
        )


@dataclass(frozen=True)
class Score:
    total: float
    risky: bool


def score(rules: Rules, answers: list[int | None]) -> Score:
    """The total the published rules give these answers (None for an item left out)."""
    if len(answers) != rules.item_count:
        raise ValueError(f"Expected {rules.item_count} answers, got {len(answers)}.")
    given = [a for a in answers if a is not None]
    missing = rules.item_count - len(given)
    if missing > rules.missing_allowed:
        raise NotScorable(
            f"{missing} items unanswered; {rules.missing_allowed} allowed."
        )
    raw = sum(given)
    if (
        missing
    ):  # prorated, as a rule that allows gaps says: the mean of the answered items
        raw = round(raw * rules.item_count / len(given))
    total = raw * 4 if rules.scoring == "sum_times_4" else raw
    return Score(total=total, risky=is_risky(rules, answers, total))


def is_risky(rules: Rules, answers: list[int | None], total: float) -> bool:
    """An answer that calls for help now (e.g. PHQ-9 item 9 above zero), or a total at the severe
    end."""
    for number, lowest in rules.risk_items:
        answer = answers[number - 1]
        if answer is not None and answer >= lowest:
            return True
    return rules.risk_total is not None and total >= rules.risk_total


def jacobson_truax_threshold(*, sd: float, reliability: float) -> float:
    """The smallest change that is more than measurement noise at the 95% level (Jacobson & Truax,
    1991): 1.96 × the standard error of the difference, SD × √(2 × (1 − r))."""
    return 1.96 * sd * math.sqrt(2 * (1 - reliability))


def reliable_change_threshold(rules: Rules) -> float | None:
    """The instrument's published reliable-change figure, else one worked out from its reference
    SD and reliability, else None (no mark is shown)."""
    if rules.reliable_change is not None:
        return rules.reliable_change
    if rules.sd is not None and rules.reliability is not None:
        return jacobson_truax_threshold(sd=rules.sd, reliability=rules.reliability)
    return None


def change_kind(rules: Rules, before: float, after: float) -> str:
    """ "easier", "harder" or "noise": whether a change is reliable, and which way it points."""
    threshold = reliable_change_threshold(rules)
    change = after - before
    if threshold is None or abs(change) < threshold:
        return "noise"
    up_is_harder = rules.higher_is == "harder"
    return "harder" if (change > 0) == up_is_harder else "easier"


def past_cutoff(rules: Rules, total: float) -> bool:
    """On the side of the published cut-off that is worth talking over with someone."""
    if rules.cutoff is None:
        return False
    if rules.higher_is == "harder":
        return total >= rules.cutoff
    return total < rules.cutoff
