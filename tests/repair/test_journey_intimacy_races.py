"""Two taps into the phase about intimacy: nobody is moved into it by a double tap or by both
the partner who broke trust tapping at the same moment as the hurt partner asks, and two yeses at once move them on once. PostgreSQL only
(see tests/security/test_concurrent_posts.py, whose helpers these are)."""

import pytest

from repair.models import JourneyEvent, PhaseProposal
from tests.security.test_concurrent_posts import (
    ROUNDS,
    _postgresql_only,  # noqa: F401 (its autouse fixture)
    at_once,
    couple_of_two,
    events,
    move_to,
    phase_order,
    same_tab,
    signed_in,
    slug_of,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_hurt_partner_asking_twice_at_once_moves_nobody():
    for _ in range(ROUNDS):
        couple, hurt, _other = couple_of_two()
        move_to(couple, hurt, 2)
        tap = signed_in(hurt)
        data = {"from_phase": slug_of(couple)}
        at_once(
            (tap, "/repair/move-on/", data), (same_tab(tap), "/repair/move-on/", data)
        )
        assert phase_order(couple) == 2
        assert PhaseProposal.objects.filter(couple=couple, closed_at=None).count() == 1


def test_both_tapping_at_the_same_moment_moves_nobody():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, 2)
        data = {"from_phase": slug_of(couple)}
        at_once(
            (signed_in(hurt), "/repair/move-on/", data),
            (signed_in(other), "/repair/move-on/", data),
        )
        # Only the hurt partner's question is opened, and it waits for the other's own yes.
        assert phase_order(couple) == 2
        asked = PhaseProposal.objects.get(couple=couple, closed_at=None)
        assert asked.proposed_by == hurt


def test_a_double_tapped_yes_moves_them_on_once():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, 2)
        signed_in(hurt).post("/repair/move-on/", {"from_phase": slug_of(couple)})
        code = PhaseProposal.objects.get(couple=couple, closed_at=None).code
        tap = signed_in(other)
        url = f"/repair/move-on/{code}/confirm/"
        at_once((tap, url, {}), (same_tab(tap), url, {}))
        assert phase_order(couple) == 3
        assert events(couple, JourneyEvent.Kind.MOVED_FORWARD) == 2
