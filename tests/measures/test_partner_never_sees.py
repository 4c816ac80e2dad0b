"""Property: whatever one partner answers, on any measure, the other partner's pages are the same
to the byte (tokens aside). Nothing of it reaches them unless a trend is shared."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.models import Instrument, Response

from .factories import answer

pytestmark = pytest.mark.django_db

# Tokens that differ on every request whatever is shown.
VARYING = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+')


def bobs_pages(bob) -> dict[str, str]:
    client = Client()
    client.force_login(bob)
    paths = ["/measures/"] + [
        f"/measures/{slug}/"
        for slug in Instrument.objects.values_list("slug", flat=True)
    ]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        pages[path] = VARYING.sub(r"\1", response.content.decode())
    for slug in Instrument.objects.values_list("slug", flat=True):
        pages[f"{slug} partner"] = str(
            client.get(f"/measures/{slug}/partner/").status_code
        )
    return pages


@st.composite
def a_measure_answered(draw):
    instrument = draw(st.sampled_from(list(Instrument.objects.all())))
    answers = [
        draw(st.sampled_from([value for value, _ in item["choices"]]))
        for item in instrument.items
    ]
    return instrument.slug, answers


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_bobs_pages_never_change_with_alices_answers(alice, bob, couple, data):
    Response.objects.all().delete()
    before = bobs_pages(bob)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="how many")):
        slug, answers = data.draw(a_measure_answered(), label="alice answers")
        answer(alice, slug, answers)
    assert bobs_pages(bob) == before
