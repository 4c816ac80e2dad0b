"""Every page costs a constant number of queries (≤ 8), with 1 row or 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steadying import honesty
from steadying.models import FloodedMoment

from .conftest import note_by, write_card

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(alice, bob, n):
    earlier = None
    for i in range(n):
        # Every other note corrects the one before it: the list shows what each corrects.
        note = note_by(bob, f"note {i}", corrects=earlier if i % 2 else None)
        earlier = note
        if i % 2:
            honesty.thank(note=note, reader=alice)
        FloodedMoment.objects.create(user=alice)


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("alice", "steadying:ground"),
        ("alice", "steadying:card"),
        ("alice", "steadying:history"),
        ("alice", "steadying:honesty"),
        ("bob", "steadying:honesty"),
        ("bob", "steadying:partner_card"),
    ],
)
def test_pages_cost_the_same_with_one_row_or_twenty(
    client, alice, bob, couple, who, name
):
    write_card(alice, history=True)
    grow(alice, bob, 1)
    client.force_login(alice if who == "alice" else bob)
    url = reverse(name)
    few = queries(client, url)
    grow(alice, bob, 19)
    many = queries(client, url)
    assert few == many
    assert many <= 8
