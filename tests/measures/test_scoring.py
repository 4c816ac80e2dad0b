"""Scoring against worked examples written from each instrument's published rules: totals,
cut-offs, missing items, the risky answers and reliable change. No database: the rules come from
the shipped registry file itself, so a changed item count or rule there fails here too."""

import math

import pytest

from measures import scoring
from measures.starter_content import shipped

SHIPPED = {entry["slug"]: entry for entry in shipped()}


class _Row:
    """A registry row as the loader would make it, without the database."""

    def __init__(self, fields):
        defaults = {
            "missing_allowed": 0,
            "cutoff": None,
            "higher_is": "harder",
            "risk_items": [],
            "risk_total": None,
            "reliable_change": None,
            "reliability": None,
            "sd": None,
        }
        self.__dict__.update(defaults | fields)


def rules(slug) -> scoring.Rules:
    return scoring.Rules.of(_Row(SHIPPED[slug]))


def test_the_registry_ships_the_five_licence_clean_instruments_and_nothing_else():
    assert set(SHIPPED) == {"phq-9", "gad-7", "pcl-5", "csi-4", "who-5"}
    for entry in SHIPPED.values():
        assert entry["licence"]
        assert entry["licence_kind"]
        assert entry["source_url"]
        assert entry["licence_checked"] in {"yes", "partly", "not verified"}
    assert SHIPPED["phq-9"]["notice"].startswith("Developed by Drs. Robert L. Spitzer")
    assert SHIPPED["gad-7"]["notice"] == SHIPPED["phq-9"]["notice"]


@pytest.mark.parametrize(
    ("slug", "items", "lowest", "highest"),
    [
        ("phq-9", 9, 0, 3),
        ("gad-7", 7, 0, 3),
        ("pcl-5", 20, 0, 4),
        ("who-5", 5, 0, 5),
    ],
)
def test_each_item_has_the_published_answers(slug, items, lowest, highest):
    entry = SHIPPED[slug]
    assert len(entry["items"]) == items
    for item in entry["items"]:
        values = sorted(value for value, _ in item["choices"])
        assert values == list(range(lowest, highest + 1))


def test_csi4_first_item_runs_0_to_6_and_the_others_0_to_5():
    values = [
        sorted(v for v, _ in item["choices"]) for item in SHIPPED["csi-4"]["items"]
    ]
    assert values == [list(range(7)), *[list(range(6))] * 3]


# PHQ-9: the sum of nine items, 0-27; severity from 5, 10, 15, 20; item 9 above zero is risky.


def test_phq9_worked_example_moderate():
    # 1+1+2+2+1+1+1+1+0 = 10: at the published cut-off, not risky.
    result = scoring.score(rules("phq-9"), [1, 1, 2, 2, 1, 1, 1, 1, 0])
    assert result == scoring.Score(total=10, risky=False)
    assert scoring.past_cutoff(rules("phq-9"), 10)
    assert not scoring.past_cutoff(rules("phq-9"), 9)


def test_phq9_extremes():
    assert scoring.score(rules("phq-9"), [0] * 9).total == 0
    assert scoring.score(rules("phq-9"), [3] * 9).total == 27


def test_phq9_item_nine_above_zero_is_risky_whatever_the_total():
    result = scoring.score(rules("phq-9"), [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert result == scoring.Score(total=1, risky=True)


def test_phq9_with_an_item_missing_is_not_scored():
    with pytest.raises(scoring.NotScorable):
        scoring.score(rules("phq-9"), [1, 1, 1, 1, 1, 1, 1, 1, None])


# GAD-7: the sum of seven items, 0-21; cut-off 10; nothing on it calls for crisis help by itself.


def test_gad7_worked_example():
    result = scoring.score(rules("gad-7"), [2, 2, 1, 1, 0, 3, 2])
    assert result == scoring.Score(total=11, risky=False)
    assert scoring.past_cutoff(rules("gad-7"), 11)
    assert scoring.score(rules("gad-7"), [3] * 7).total == 21


def test_gad7_with_an_item_missing_is_not_scored():
    with pytest.raises(scoring.NotScorable):
        scoring.score(rules("gad-7"), [None, 1, 1, 1, 1, 1, 1])


# PCL-5: the sum of twenty items, 0-80; cut-point 31-33; at 33 or above Mend offers help at once.


def test_pcl5_worked_example_below_the_cut_point():
    answers = [1] * 20  # 20
    assert scoring.score(rules("pcl-5"), answers) == scoring.Score(20, False)
    assert not scoring.past_cutoff(rules("pcl-5"), 30)
    assert scoring.past_cutoff(rules("pcl-5"), 31)


def test_pcl5_at_the_top_of_the_cut_point_range_is_the_severe_end():
    answers = [2] * 16 + [1] * 1 + [0] * 3  # 32 + 1 = 33
    assert scoring.score(rules("pcl-5"), answers) == scoring.Score(33, True)
    assert scoring.score(rules("pcl-5"), [4] * 20) == scoring.Score(80, True)
    assert not scoring.score(rules("pcl-5"), [2] * 16 + [0] * 4).risky  # 32


def test_pcl5_with_an_item_missing_is_not_scored():
    with pytest.raises(scoring.NotScorable):
        scoring.score(rules("pcl-5"), [2] * 19 + [None])


# CSI-4: 0-6 + three 0-5 items, 0-21; below 13.5 suggests notable dissatisfaction.


def test_csi4_worked_example_and_cut_off():
    assert scoring.score(rules("csi-4"), [3, 3, 3, 4]) == scoring.Score(13, False)
    assert scoring.past_cutoff(rules("csi-4"), 13)  # below 13.5
    assert not scoring.past_cutoff(rules("csi-4"), 14)
    assert scoring.score(rules("csi-4"), [6, 5, 5, 5]).total == 21


def test_csi4_with_an_item_missing_is_not_scored():
    with pytest.raises(scoring.NotScorable):
        scoring.score(rules("csi-4"), [3, None, 3, 3])


# WHO-5: raw 0-25, times 4 for a 0-100 percentage; below 52 (raw below 13) is worth a talk.


def test_who5_is_the_raw_sum_times_four():
    assert scoring.score(rules("who-5"), [3, 3, 2, 2, 3]).total == 52  # raw 13
    assert scoring.score(rules("who-5"), [5] * 5).total == 100
    assert scoring.score(rules("who-5"), [0] * 5).total == 0
    assert scoring.past_cutoff(rules("who-5"), 48)  # raw 12
    assert not scoring.past_cutoff(rules("who-5"), 52)


def test_who5_with_an_item_missing_is_not_scored():
    with pytest.raises(scoring.NotScorable):
        scoring.score(rules("who-5"), [5, 5, 5, 5, None])


def test_a_local_rule_that_allows_gaps_prorates_from_the_answered_items():
    local = scoring.Rules(item_count=4, scoring="sum", missing_allowed=1)
    assert scoring.score(local, [2, 2, 2, None]).total == 8


def test_the_wrong_number_of_answers_is_refused():
    with pytest.raises(ValueError, match="Expected 9"):
        scoring.score(rules("phq-9"), [0] * 8)


# Reliable change (Jacobson & Truax, 1991).


def test_jacobson_truax_threshold_worked_example():
    # SD 5, r .80: 1.96 × 5 × √(2 × 0.2) = 6.198...
    assert math.isclose(
        scoring.jacobson_truax_threshold(sd=5, reliability=0.8), 6.1980, rel_tol=1e-4
    )


def test_a_change_at_the_threshold_is_real_and_one_below_is_noise():
    phq = rules("phq-9")  # 6 points; higher is harder
    assert scoring.change_kind(phq, 16, 10) == "easier"
    assert scoring.change_kind(phq, 10, 16) == "harder"
    assert scoring.change_kind(phq, 16, 11) == "noise"
    who = rules("who-5")  # 10 percentage points; higher is easier
    assert scoring.change_kind(who, 40, 52) == "easier"
    assert scoring.change_kind(who, 52, 44) == "noise"


def test_without_a_published_figure_no_change_is_marked():
    assert scoring.reliable_change_threshold(rules("csi-4")) is None
    assert scoring.change_kind(rules("csi-4"), 5, 20) == "noise"


def test_a_reference_sd_and_reliability_give_a_threshold_when_none_is_published():
    local = scoring.Rules(item_count=1, scoring="sum", sd=5, reliability=0.8)
    assert math.isclose(scoring.reliable_change_threshold(local), 6.198, rel_tol=1e-3)
