"""A measure this install added under its own licence travels in a person's export as their answers
and scores, with a note that its questions are licensed to this service only."""

import pytest
from django.urls import reverse

from measures.models import Instrument
from privacy import ownership

from .factories import answer, instrument

pytestmark = pytest.mark.django_db


def a_local_copy_of(slug: str) -> Instrument:
    local = instrument(slug)
    local.pk = None
    local.slug = f"{slug}-local"
    local.name = "A measure licensed here"
    local.local_only = True
    local.save()
    return local


def test_the_export_says_which_answers_belong_to_a_local_only_measure(
    client, alice, bob, couple
):
    a_local_copy_of("who-5")
    answer(alice, "who-5-local", [3, 3, 3, 3, 3])
    answer(bob, "who-5", [3, 3, 3, 3, 3])

    (note,) = ownership.export_for(alice)["notes"]
    assert "A measure licensed here" in note
    assert "licensed to this service only" in note
    # Bob answered only a shipped measure: nothing to say.
    assert ownership.export_for(bob)["notes"] == []

    client.force_login(alice)
    page = client.get(reverse("privacy:export_document")).content.decode()
    assert "licensed to this service only" in page
