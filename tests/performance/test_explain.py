"""The prompt tick and the main pages read through indexes, checked with EXPLAIN on PostgreSQL.

A few thousand couples' worth of the tables these queries read are written with COPY, then
ANALYZEd, so the planner chooses as it would in production rather than scanning a tiny table.
The queries explained are the ones the code runs, captured as it runs them.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from checkins import daily, trends
from checkins.models import SAFETY_FIELDS, CheckIn
from core.bulk import copy_insert
from couples.models import Couple, Membership, Role
from journal import entries
from journal.models import Entry
from prompts import events, sending
from prompts.models import Preferences
from repair.models import Exercise, ExerciseSession, SessionStatus
from tests.conftest import CI, SQLITE_RUN

COUPLES = 2000
DAYS = 30
ENTRIES = 10
SESSIONS = 5

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        # CI's PostgreSQL run must run it; its SQLite run (MEND_TEST_DB=sqlite) skips it.
        connection.vendor != "postgresql" and (not CI or SQLITE_RUN),
        reason="EXPLAIN plans are PostgreSQL's; CI runs this on PostgreSQL",
    ),
]


@pytest.fixture
def scale():
    """COUPLES couples with a month of check-ins, journal entries, sessions and reminder times."""
    assert connection.vendor == "postgresql", (
        "CI must run the EXPLAIN checks on PostgreSQL"
    )
    now = timezone.now()
    today = now.date()
    people = [
        User(email=f"scale-{n}@example.org", display_name=f"Scale {n}", password="!")
        for n in range(2 * COUPLES)
    ]
    copy_insert(User, people)
    couples = [Couple() for _ in range(COUPLES)]
    copy_insert(Couple, couples)
    copy_insert(
        Membership,
        [
            Membership(couple=couple, user=people[2 * i + side], role=role)
            for i, couple in enumerate(couples)
            for side, role in ((0, Role.INJURED), (1, Role.INVOLVED))
        ],
    )
    copy_insert(
        Preferences,
        [
            Preferences(
                user=person,
                # Most are due later today: the tick picks out the few due now.
                next_due_at=now + datetime.timedelta(minutes=5 + n % 1400),
                next_local_date=today + datetime.timedelta(days=1),
            )
            for n, person in enumerate(people)
        ],
    )
    copy_insert(
        CheckIn,
        [
            CheckIn(
                user=person,
                couple=couples[n // 2],
                local_date=today - datetime.timedelta(days=day),
                light="green",
                **dict.fromkeys(SAFETY_FIELDS, 3),
            )
            for n, person in enumerate(people)
            for day in range(DAYS)
        ],
    )
    copy_insert(
        Entry,
        [
            Entry(
                author=person,
                written_on=today - datetime.timedelta(days=day),
                body="A quiet evening.",
            )
            for person in people
            for day in range(ENTRIES)
        ],
    )
    exercise = Exercise.objects.filter(who="together").first()
    copy_insert(
        ExerciseSession,
        [
            ExerciseSession(
                couple=couple,
                exercise=exercise,
                inviter=people[2 * i],
                invitee=people[2 * i + 1],
                # Nearly all finished; a few accepted and planned over the coming days.
                status=SessionStatus.ACCEPTED if n == 0 and i % 50 == 0 else "ended",
                planned_for=now + datetime.timedelta(hours=i % 72),
            )
            for i, couple in enumerate(couples)
            for n in range(SESSIONS)
        ],
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return people


def plans_of(run, table: str) -> list[str]:
    """EXPLAIN of every query touching ``table`` that ``run`` executes."""
    with CaptureQueriesContext(connection) as queries:
        run()
    found = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if f'"{table}"' not in sql:
            continue
        # A streamed queryset runs as DECLARE ... CURSOR FOR <select>: explain the select.
        sql = re.sub(r"^DECLARE .*? FOR ", "", sql, flags=re.DOTALL)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            found.append("\n".join(row[0] for row in cursor.fetchall()))
    assert found, f"nothing read {table}"
    return found


def assert_index_scans(plans: list[str], table: str) -> None:
    for plan in plans:
        assert f"Seq Scan on {table}" not in plan, plan
        assert "Index" in plan, plan


# One test, so the tables are written and analysed once (about 15 s) rather than once per query.
def test_the_tick_and_the_main_pages_read_through_indexes(scale):
    now = timezone.now()

    # The tick: who is due for a prompt.
    plans = plans_of(lambda: list(sending.due_user_ids(now=now)), "prompts_preferences")
    assert_index_scans(plans, "prompts_preferences")
    assert "prompts_due" in plans[0]

    # The tick: planned sessions about to begin.
    plans = plans_of(
        lambda: list(events.sessions_starting_soon(now=now)), "repair_exercisesession"
    )
    assert_index_scans(plans, "repair_exercisesession")
    assert "sessions_planned_accepted" in plans[0]

    # The journal list: the count and one page of a person's entries.
    person = scale[7]
    plans = plans_of(
        lambda: list(
            entries.page_of_entries(entries.find_entries(author=person), 1).object_list
        ),
        "journal_entry",
    )
    assert len(plans) >= 2
    assert_index_scans(plans, "journal_entry")

    # Check-ins: today's for both partners (home, check-in page) and the weekly history.
    person = scale[10]
    partner = Membership.objects.select_related("user").get(user=scale[11])
    plans = plans_of(lambda: daily.todays_checkins(person, partner), "checkins_checkin")
    plans += plans_of(lambda: trends.weekly_trend(person), "checkins_checkin")
    assert_index_scans(plans, "checkins_checkin")
