import importlib

import pytest

from couples.access import active_membership
from repair.models import Exercise


@pytest.fixture(autouse=True)
def content(db):
    """The seeded phases and exercises. A browser test's flush elsewhere in the run removes
    rows that data migrations made, so put them back when they are missing."""

    from repair.models import Phase

    if not Phase.objects.exists():
        importlib.import_module("repair.starter_content").load()


@pytest.fixture
def alice_m(couple, alice):
    return active_membership(alice)


@pytest.fixture
def bob_m(couple, bob):
    return active_membership(bob)


@pytest.fixture
def talk_exercise(db):
    """A together-exercise of the first phase: talking, not touch."""
    return Exercise.objects.get(slug="daily-honesty")


@pytest.fixture
def touch_exercise(db):
    return Exercise.objects.get(slug="holding-hands")


@pytest.fixture
def solo_exercise(db):
    return Exercise.objects.get(slug="grief-and-anger")


def htmx(**headers) -> dict:
    return {"HX-Request": "true", **headers}


def exercise_form_data(exercise: Exercise, **changes) -> dict:
    """What the admin's change form posts for this exercise, with some fields changed."""
    data = {
        "phase": exercise.phase_id,
        "order": exercise.order,
        "slug": exercise.slug,
        "title": exercise.title,
        "who": exercise.who,
        "kind": exercise.kind,
        "minutes": exercise.minutes,
        "published": "on" if exercise.published else "",
        "summary": exercise.summary,
        "why": exercise.why,
        "instructions": exercise.instructions,
        "how_to_stop": exercise.how_to_stop,
        "if_it_hurts": exercise.if_it_hurts,
        "scripts": exercise.scripts,
        "reflection_questions": exercise.reflection_questions,
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        **changes,
    }
    return {k: v for k, v in data.items() if v != ""}
