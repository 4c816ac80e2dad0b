"""Trends treat missing days as missing: no check-in, or a light without statements, is never a
zero in an average, and a week without answers is a gap in the line, not a point."""

import datetime

import pytest

from checkins import trends
from checkins.models import SAFETY_FIELDS, CheckIn
from core.dates import local_today

pytestmark = pytest.mark.django_db


def check_in(user, days_ago: int, light="green", **scores):
    CheckIn.objects.create(
        user=user,
        local_date=local_today(user) - datetime.timedelta(days=days_ago),
        light=light,
        **scores,
    )


def test_days_without_answers_are_left_out_of_the_average(alice):
    monday = trends.week_start(local_today(alice))
    days_ago = (local_today(alice) - monday).days
    # This week: one day with every statement at 4, one with only a light, one not at all.
    check_in(alice, days_ago, **dict.fromkeys(SAFETY_FIELDS, 4))
    if days_ago >= 1:
        check_in(alice, days_ago - 1, light="yellow")
    this_week = trends.weekly_trend(alice)[-1]
    assert this_week.averages == dict.fromkeys(SAFETY_FIELDS, 4.0)
    assert this_week.days == (2 if days_ago >= 1 else 1)


def test_a_statement_left_empty_is_missing_only_for_that_statement(alice):
    monday = trends.week_start(local_today(alice))
    days_ago = (local_today(alice) - monday).days
    check_in(alice, days_ago, safe=2, equal=4)
    averages = trends.weekly_trend(alice)[-1].averages
    assert averages["safe"] == 2.0
    assert averages["equal"] == 4.0
    assert averages["can_say_no"] is None


def test_a_week_without_answers_breaks_the_line(alice):
    check_in(alice, 0, **dict.fromkeys(SAFETY_FIELDS, 3))
    check_in(alice, 14, **dict.fromkeys(SAFETY_FIELDS, 5))
    check_in(alice, 7, light="red")  # the week between: a light, no statements
    weeks = trends.weekly_trend(alice)
    assert [week.averages["safe"] for week in weeks[-3:]] == [5.0, None, 3.0]
    safe = trends.chart(weeks)["series"][0]
    assert len(safe["points"]) == 2
    # Two separate pieces, one point each: no line is drawn across the missing week.
    assert len(safe["segments"]) == 2
    assert all(" " not in segment for segment in safe["segments"])


def test_the_history_page_draws_each_piece_separately(client, alice):
    check_in(alice, 0, **dict.fromkeys(SAFETY_FIELDS, 3))
    check_in(alice, 1, **dict.fromkeys(SAFETY_FIELDS, 3))
    check_in(alice, 21, **dict.fromkeys(SAFETY_FIELDS, 5))
    client.force_login(alice)
    page = client.get("/checkins/history/").content.decode()
    assert page.count("<polyline") == 2 * len(SAFETY_FIELDS)
    assert "left out rather than counted as low" in page


def test_a_week_without_check_ins_says_so_rather_than_showing_zeros(client, alice):
    check_in(alice, 0, **dict.fromkeys(SAFETY_FIELDS, 3))
    client.force_login(alice)
    page = client.get("/checkins/history/").content.decode()
    # Twelve weeks, one with a check-in: the eleven before it (some before the couple began) are
    # one row in words, not eleven rows of noughts that read like weeks of not trying.
    assert page.count(">No check-ins</td>") == 1
    first = trends.weekly_trend(alice)[0].starts
    eleventh = trends.weekly_trend(alice)[-2].starts
    assert f"{first.strftime('%-d %b')} – {eleventh.strftime('%-d %b')}</th>" in page
    assert "<td>0</td><td>0</td><td>0</td><td>0</td>" not in page


def test_quiet_stretches_between_check_ins_fold_into_one_row_each():
    def week(day: int, days: int):
        starts = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=day)
        return trends.Week(starts, days, days, 0, 0, dict.fromkeys(SAFETY_FIELDS))

    rows = trends.table_rows(
        [week(0, 0), week(1, 0), week(2, 3), week(3, 0), week(4, 1)]
    )
    assert [type(row).__name__ for row in rows] == [
        "QuietStretch",
        "Week",
        "QuietStretch",
        "Week",
    ]
    assert rows[0].last_week == datetime.date(2026, 1, 12)
    assert rows[2].starts == rows[2].last_week == datetime.date(2026, 1, 26)


def test_an_empty_chart_says_there_is_nothing_yet(client, alice):
    client.force_login(alice)
    assert "Nothing to show yet" in client.get("/checkins/history/").content.decode()
    check_in(alice, 0, **dict.fromkeys(SAFETY_FIELDS, 3))
    assert (
        "Nothing to show yet" not in client.get("/checkins/history/").content.decode()
    )
