"""The session-prep page's query budget (R32): the same count with 1, 20 and 200 weeks of history
for both partners (measures, check-ins, journal entries shared with the therapist, exercises,
journey moves), and within eight queries besides the login session."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Entry
from measures.models import Instrument, Response
from repair.models import ExerciseDone
from tests.performance.test_query_budgets import SESSION_QUERY, History, queries_for

from .factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

BUDGET = 8
SIZES = (1, 20, 200)


def grow_measures(alice, bob, couple, exercise, fresh) -> None:
    """Every week, both partners answer every measure; one answer in ten is a flag."""
    now = timezone.now()
    instruments = list(Instrument.objects.all())
    Response.objects.bulk_create(
        Response(
            code=uuid.uuid4(),
            person=person,
            couple=couple,
            instrument=instrument,
            taken_at=now - datetime.timedelta(weeks=n, hours=1),
            answers=json.dumps([0] * len(instrument.items)),
            result=json.dumps({"total": n % 20, "risky": n % 10 == 0}),
            flagged_at=now if n % 10 == 0 else None,
        )
        for person in (alice, bob)
        for instrument in instruments
        for n in fresh
    )
    Entry.objects.filter(shared_in=couple).update(shared_with_therapist_at=now)
    ExerciseDone.objects.bulk_create(
        ExerciseDone(
            couple=couple,
            user=person,
            exercise=exercise,
            done_at=now - datetime.timedelta(days=n),
        )
        for person in (alice, bob)
        for n in fresh
        if n == 0
    )


def test_the_prep_page_costs_the_same_whatever_the_history(client, alice, bob, couple):
    therapist = alice.__class__.objects.create_user(
        email="tess@example.com", password=None, display_name="Tess"
    )
    make_therapist(therapist)
    made = full_access(couple, therapist, alice, bob)
    history = History(alice, bob, couple)
    client.force_login(therapist)
    since = (timezone.localdate() - datetime.timedelta(days=366)).isoformat()
    path = reverse("therapists:prep", args=[made.code]) + f"?since={since}"
    counts = []
    grown = 0
    for size in SIZES:
        history.grow_to(size)
        grow_measures(alice, bob, couple, history.exercise, range(grown, size))
        grown = size
        counts.append(queries_for(client, path))
    assert counts == [counts[0]] * len(SIZES), counts
    assert counts[0] <= BUDGET + SESSION_QUERY, counts
