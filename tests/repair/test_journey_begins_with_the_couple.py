"""A couple's journey begins when the couple is formed; looking at a page never writes a row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from repair.models import Journey, JourneyEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_starting_a_couple_begins_its_journey_at_the_first_phase(alice):
    from couples import pairing
    from couples.models import Role

    couple = pairing.start_couple(user=alice, role=Role.INJURED)
    journey = Journey.objects.get(couple=couple)
    assert journey.phase.order == 1
    assert JourneyEvent.objects.filter(couple=couple, kind="started").count() == 1


@pytest.mark.parametrize("path", ["/", "/repair/", "/checkins/", "/journal/"])
def test_no_page_writes_when_looked_at(client, alice, bob, couple, path):
    client.force_login(alice)
    client.get(path)  # sessions, last login and the like settle first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_a_couple_whose_journey_never_began_is_shown_at_the_first_phase_without_a_write(
    client, alice, bob, couple
):
    JourneyEvent.objects.filter(couple=couple).delete()
    Journey.objects.filter(couple=couple).delete()
    client.force_login(alice)
    assert client.get("/repair/").status_code == 200
    assert client.get("/").status_code == 200
    assert not Journey.objects.filter(couple=couple).exists()


def test_a_solo_start_begins_a_journey_too(db):
    from couples import pairing
    from couples.models import Role

    sam = UserFactory()
    couple = pairing.start_couple(user=sam, role=Role.MUTUAL)
    assert Journey.objects.filter(couple=couple).exists()
