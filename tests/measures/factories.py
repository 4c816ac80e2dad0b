"""Measures answered the way a person answers them: through the domain verb."""

from couples.access import active_membership
from measures import responses
from measures.models import Instrument


def instrument(slug: str) -> Instrument:
    return Instrument.objects.get(slug=slug)


def answer(person, slug: str, answers: list[int]):
    membership = active_membership(person)
    return responses.record(
        person=person,
        couple=membership.couple if membership else None,
        instrument=instrument(slug),
        answers=answers,
    )


def form_data(answers: list[int]) -> dict[str, str]:
    return {f"item_{n}": str(a) for n, a in enumerate(answers, start=1)}
