"""Two taps, two people, one answer: every POST sent twice at once, or by both partners at once,
ends in one consistent state and a calm page (a redirect, or the page with a kind message).

Each request runs in its own thread with its own database connection, and a barrier lets the
pair go at the same moment. PostgreSQL only: SQLite serialises every write to the whole file, so
there the pairs cannot meet inside the database at all.
"""

import threading
from functools import partial

import pytest
from django.db import connection
from django.test import Client

from checkins.models import CheckIn
from couples import pairing
from couples.access import active_membership
from couples.models import Invitation, Membership, Role
from repair import journey, sessions
from repair.models import (
    Exercise,
    ExerciseDone,
    ExerciseSession,
    JourneyEvent,
    Phase,
    PhaseProposal,
    SessionStatus,
)
from tests.accounts.factories import UserFactory
from tests.conftest import require_service

pytestmark = pytest.mark.django_db(transaction=True)

# Each race runs this many times in a row: a lost race shows up as a flake, so give it chances.
ROUNDS = 3

CHECKIN = {
    "light": "yellow",
    "safe": 3,
    "not_performing": 4,
    "can_say_no": 2,
    "can_say_yes": 3,
    "equal": 5,
    "note": "a slow morning",
}


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def same_tab(client: Client) -> Client:
    """A second client with the same session: the second tap of a double tap."""
    twin = Client()
    twin.cookies.load({name: morsel.value for name, morsel in client.cookies.items()})
    return twin


def together(*calls) -> list:
    """Runs each call from its own thread and database connection, all at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # what a view raised: the 500 a person would see
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    for outcome in outcomes:
        assert not isinstance(outcome, Exception), repr(outcome)
    return outcomes


def at_once(*requests: tuple[Client, str, dict]) -> list[int]:
    """POSTs each (client, path, data) at the same moment; a calm answer for each."""
    statuses = together(
        *(
            lambda client=client, path=path, data=data: (
                client.post(path, data).status_code
            )
            for client, path, data in requests
        )
    )
    for status in statuses:
        assert status in {200, 302, 400, 410}, status
    return statuses


def couple_of_two():
    """A fresh couple each round: the hurt partner and the partner who broke trust."""
    hurt, other = UserFactory(), UserFactory()
    couple = pairing.start_couple(user=hurt, role=Role.INJURED)
    invitation = pairing.create_invitation(membership=couple.memberships.get(user=hurt))
    pairing.accept_invitation(token=invitation.token, user=other, role=Role.INVOLVED)
    return couple, hurt, other


def phase_order(couple) -> int:
    return journey.journey_for(couple).phase.order


def events(couple, kind) -> int:
    return JourneyEvent.objects.filter(couple=couple, kind=kind).count()


def move_to(couple, hurt, order: int) -> None:
    while phase_order(couple) < order:
        proposal = journey.propose_advance(membership=active_membership(hurt))
        if proposal.closed_at is None:  # the phase about intimacy asks both partners
            other = Membership.objects.active().filter(couple=couple).exclude(user=hurt)
            journey.confirm_advance(membership=other.get(), code=proposal.code)


def slug_of(couple) -> str:
    return journey.journey_for(couple).phase.slug


# The journey ---------------------------------------------------------------------------------


def test_the_hurt_partner_moving_on_twice_moves_one_phase():
    for _ in range(ROUNDS):
        couple, hurt, _other = couple_of_two()
        tap = signed_in(hurt)
        data = {"from_phase": slug_of(couple)}
        at_once(
            (tap, "/repair/move-on/", data), (same_tab(tap), "/repair/move-on/", data)
        )
        assert phase_order(couple) == 2
        assert events(couple, JourneyEvent.Kind.MOVED_FORWARD) == 1


def test_both_suggesting_moving_on_at_once_moves_at_most_one_phase():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        data = {"from_phase": slug_of(couple)}
        at_once(
            (signed_in(hurt), "/repair/move-on/", data),
            (signed_in(other), "/repair/move-on/", data),
        )
        moved = events(couple, JourneyEvent.Kind.MOVED_FORWARD)
        open_ = PhaseProposal.objects.filter(couple=couple, closed_at__isnull=True)
        assert phase_order(couple) == 1 + moved
        assert moved <= 1
        # Either the hurt partner's yes moved them on, or her tap met his suggestion, still open.
        assert open_.count() == 1 - moved


def test_the_involved_partner_suggesting_twice_makes_one_suggestion():
    for _ in range(ROUNDS):
        couple, _hurt, other = couple_of_two()
        tap = signed_in(other)
        data = {"from_phase": slug_of(couple)}
        at_once(
            (tap, "/repair/move-on/", data), (same_tab(tap), "/repair/move-on/", data)
        )
        assert PhaseProposal.objects.filter(couple=couple).count() == 1
        assert events(couple, JourneyEvent.Kind.PROPOSED) == 1
        assert phase_order(couple) == 1


def _suggested(couple, other) -> PhaseProposal:
    return journey.propose_advance(membership=active_membership(other))


def test_the_hurt_partner_confirming_twice_moves_one_phase():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        url = f"/repair/move-on/{_suggested(couple, other).code}/confirm/"
        tap = signed_in(hurt)
        at_once((tap, url, {}), (same_tab(tap), url, {}))
        assert phase_order(couple) == 2
        assert events(couple, JourneyEvent.Kind.MOVED_FORWARD) == 1


def test_confirm_and_not_yet_from_both_partners_settle_once():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        code = _suggested(couple, other).code
        at_once(
            (signed_in(hurt), f"/repair/move-on/{code}/confirm/", {}),
            (signed_in(other), f"/repair/move-on/{code}/confirm/", {}),
        )
        assert phase_order(couple) == 2
        couple, hurt, other = couple_of_two()
        url = f"/repair/move-on/{_suggested(couple, other).code}/not-yet/"
        tap = signed_in(hurt)
        at_once((tap, url, {}), (same_tab(tap), url, {}))
        assert events(couple, JourneyEvent.Kind.NOT_YET) == 1
        assert phase_order(couple) == 1


def test_confirm_against_withdraw_ends_one_way_or_the_other():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        code = _suggested(couple, other).code
        at_once(
            (signed_in(hurt), f"/repair/move-on/{code}/confirm/", {}),
            (signed_in(other), f"/repair/move-on/{code}/withdraw/", {}),
        )
        proposal = PhaseProposal.objects.get(code=code)
        assert proposal.closed_at is not None
        moved = proposal.outcome == PhaseProposal.Outcome.MOVED
        assert moved or proposal.outcome == PhaseProposal.Outcome.WITHDRAWN
        assert phase_order(couple) == (2 if moved else 1)
        assert events(couple, JourneyEvent.Kind.WITHDRAWN) == (0 if moved else 1)


def test_confirm_against_a_step_back_ends_one_way_or_the_other():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, 2)
        before = slug_of(couple)
        # Into the phase about intimacy only the hurt partner asks; the other's yes moves them.
        code = _suggested(couple, hurt).code
        at_once(
            (signed_in(other), f"/repair/move-on/{code}/confirm/", {}),
            (signed_in(hurt), "/repair/step-back/", {"from_phase": before}),
        )
        proposal = PhaseProposal.objects.get(code=code)
        if proposal.outcome == PhaseProposal.Outcome.MOVED:
            # The move came first; the step back was from a page that no longer held.
            assert phase_order(couple) == 3
            assert events(couple, JourneyEvent.Kind.STEPPED_BACK) == 0
        else:
            assert proposal.outcome == PhaseProposal.Outcome.STEPPED_BACK
            assert phase_order(couple) == 1


def test_stepping_back_twice_at_once_steps_back_one_phase():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, 3)
        data = {"from_phase": slug_of(couple)}
        tap = signed_in(other)
        at_once(
            (tap, "/repair/step-back/", data),
            (same_tab(tap), "/repair/step-back/", data),
        )
        assert phase_order(couple) == 2
        assert events(couple, JourneyEvent.Kind.STEPPED_BACK) == 1


def test_both_partners_stepping_back_at_once_step_back_one_phase():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, 3)
        data = {"from_phase": slug_of(couple)}
        at_once(
            (signed_in(hurt), "/repair/step-back/", data),
            (signed_in(other), "/repair/step-back/", data),
        )
        assert phase_order(couple) == 2
        assert events(couple, JourneyEvent.Kind.STEPPED_BACK) == 1


def test_the_buttons_that_move_say_which_phase_their_page_showed():
    couple, hurt, _other = couple_of_two()
    move_to(couple, hurt, 2)
    page = signed_in(hurt).get("/repair/").content.decode()
    # Moving on, and stepping back: a second tap, or a stale page, then changes nothing more.
    assert page.count(f'name="from_phase" value="{slug_of(couple)}"') == 2


def test_stepping_back_without_knowing_the_page_still_never_fails():
    """An older page posts no phase: each tap then steps back, and neither answers 500."""
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        move_to(couple, hurt, Phase.objects.count())
        last = phase_order(couple)
        tap = signed_in(other)
        at_once(
            (tap, "/repair/step-back/", {}), (same_tab(tap), "/repair/step-back/", {})
        )
        assert phase_order(couple) == last - 2
        assert events(couple, JourneyEvent.Kind.STEPPED_BACK) == 2


# The daily check-in ----------------------------------------------------------------------------


def test_a_double_tapped_first_check_in_of_the_day_is_one_check_in():
    for _ in range(ROUNDS):
        _couple, hurt, _other = couple_of_two()
        tap = signed_in(hurt)
        at_once((tap, "/checkins/", CHECKIN), (same_tab(tap), "/checkins/", CHECKIN))
        checkin = CheckIn.objects.get(user=hurt)
        assert checkin.note == CHECKIN["note"]
        assert checkin.light == CHECKIN["light"]


def test_two_tabs_with_different_first_answers_keep_one_of_them_whole():
    for _ in range(ROUNDS):
        _couple, hurt, _other = couple_of_two()
        tap = signed_in(hurt)
        # One tap on a light, with its note, is a whole check-in (the statements come after it).
        yellow = {"light": "yellow", "note": "a slow morning"}
        green = {"light": "green", "note": "better now"}
        at_once((tap, "/checkins/", yellow), (same_tab(tap), "/checkins/", green))
        checkin = CheckIn.objects.get(user=hurt)
        chosen = green if checkin.light == "green" else yellow
        assert checkin.note == chosen["note"]


def test_both_partners_checking_in_at_once_each_have_one_check_in():
    for _ in range(ROUNDS):
        _couple, hurt, other = couple_of_two()
        at_once(
            (signed_in(hurt), "/checkins/", CHECKIN),
            (signed_in(other), "/checkins/", CHECKIN),
        )
        assert CheckIn.objects.filter(user=hurt).count() == 1
        assert CheckIn.objects.filter(user=other).count() == 1


# Exercise sessions -----------------------------------------------------------------------------


NOW = {"when": "now"}


def talk_exercise() -> Exercise:
    return Exercise.objects.get(slug="daily-honesty")


def room(session, action: str) -> str:
    return f"/repair/sessions/{session.code}/{action}/"


def test_a_double_tapped_invitation_opens_one_session():
    for _ in range(ROUNDS):
        couple, hurt, _other = couple_of_two()
        url = f"/repair/exercises/{talk_exercise().code}/invite/"
        tap = signed_in(hurt)
        at_once((tap, url, NOW), (same_tab(tap), url, NOW))
        assert ExerciseSession.objects.filter(couple=couple).count() == 1


def test_both_partners_inviting_each_other_at_once_share_one_session():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        url = f"/repair/exercises/{talk_exercise().code}/invite/"
        at_once((signed_in(hurt), url, NOW), (signed_in(other), url, NOW))
        assert ExerciseSession.objects.filter(couple=couple).count() == 1


def _invited(hurt) -> ExerciseSession:
    return sessions.invite(membership=active_membership(hurt), exercise=talk_exercise())


def test_accepting_twice_accepts_once():
    for _ in range(ROUNDS):
        _couple, hurt, other = couple_of_two()
        session = _invited(hurt)
        tap = signed_in(other)
        answer = {"answer": "accept"}
        at_once(
            (tap, room(session, "answer"), answer),
            (same_tab(tap), room(session, "answer"), answer),
        )
        session.refresh_from_db()
        assert session.status == SessionStatus.ACCEPTED
        assert session.awaiting_id is None


def test_accepting_while_the_inviter_withdraws_ends_one_way_or_the_other():
    for _ in range(ROUNDS):
        _couple, hurt, other = couple_of_two()
        session = _invited(hurt)
        at_once(
            (signed_in(other), room(session, "answer"), {"answer": "accept"}),
            (signed_in(hurt), room(session, "withdraw"), {}),
        )
        session.refresh_from_db()
        assert session.status in {SessionStatus.ACCEPTED, SessionStatus.WITHDRAWN}
        assert (session.answered_at is not None) == (
            session.status == SessionStatus.ACCEPTED
        )


def test_withdrawing_twice_withdraws_once():
    for _ in range(ROUNDS):
        _couple, hurt, _other = couple_of_two()
        session = _invited(hurt)
        tap = signed_in(hurt)
        at_once(
            (tap, room(session, "withdraw"), {}),
            (same_tab(tap), room(session, "withdraw"), {}),
        )
        session.refresh_from_db()
        assert session.status == SessionStatus.WITHDRAWN


def _accepted(hurt, other) -> ExerciseSession:
    session = _invited(hurt)
    return sessions.accept(session=session, user=other)


def test_both_ready_at_once_starts_the_session():
    # Readiness is reached through the room's controls; the race itself is in mark_ready.
    for _ in range(ROUNDS):
        _couple, hurt, other = couple_of_two()
        session = _accepted(hurt, other)
        together(
            partial(sessions.mark_ready, session=session, user=hurt),
            partial(sessions.mark_ready, session=session, user=other),
        )
        session.refresh_from_db()
        assert session.status == SessionStatus.RUNNING
        assert session.started_at is not None


def test_ready_twice_is_ready_once():
    for _ in range(ROUNDS):
        _couple, hurt, other = couple_of_two()
        session = _accepted(hurt, other)
        together(
            partial(sessions.mark_ready, session=session, user=hurt),
            partial(sessions.mark_ready, session=session, user=hurt),
        )
        session.refresh_from_db()
        assert session.status == SessionStatus.ACCEPTED
        assert session.is_ready(hurt)
        assert not session.is_ready(other)


def test_ending_from_both_sides_and_twice_ends_once():
    for _ in range(ROUNDS):
        couple, hurt, other = couple_of_two()
        session = _accepted(hurt, other)
        sessions.mark_ready(session=session, user=hurt)
        sessions.mark_ready(session=session, user=other)
        tap = signed_in(hurt)
        at_once(
            (tap, room(session, "end"), {}),
            (same_tab(tap), room(session, "end"), {}),
            (signed_in(other), room(session, "end"), {}),
        )
        session.refresh_from_db()
        assert session.status == SessionStatus.ENDED
        assert ExerciseDone.objects.filter(couple=couple).count() == 2


def test_marking_an_exercise_done_twice_keeps_one_mark():
    for _ in range(ROUNDS):
        couple, hurt, _other = couple_of_two()
        url = f"/repair/exercises/{talk_exercise().code}/done/"
        tap = signed_in(hurt)
        at_once((tap, url, {}), (same_tab(tap), url, {}))
        assert ExerciseDone.objects.filter(couple=couple, user=hurt).count() == 1


# Invitations to join ---------------------------------------------------------------------------


def _invitation() -> tuple[Invitation, object]:
    starter = UserFactory()
    couple = pairing.start_couple(user=starter, role=Role.INJURED)
    invitation = pairing.create_invitation(
        membership=couple.memberships.get(user=starter)
    )
    return invitation, couple


def test_accepting_the_same_invitation_twice_joins_once():
    for _ in range(ROUNDS):
        invitation, couple = _invitation()
        joiner = UserFactory()
        tap = signed_in(joiner)
        url = f"/join/{invitation.token}/"
        role = {"role": Role.INVOLVED}
        statuses = at_once((tap, url, role), (same_tab(tap), url, role))
        # Both taps land on the couple's home: the second finds the person already joined.
        assert statuses == [302, 302]
        assert Membership.objects.active().filter(couple=couple).count() == 2
        assert Membership.objects.filter(user=joiner).count() == 1


def test_two_people_with_one_link_make_one_couple_of_two():
    for _ in range(ROUNDS):
        invitation, couple = _invitation()
        first, second = UserFactory(), UserFactory()
        url = f"/join/{invitation.token}/"
        role = {"role": Role.INVOLVED}
        statuses = at_once(
            (signed_in(first), url, role), (signed_in(second), url, role)
        )
        assert sorted(statuses)[0] == 302  # one joined; the other was told, kindly
        assert Membership.objects.active().filter(couple=couple).count() == 2
        invitation.refresh_from_db()
        joined = Membership.objects.filter(user__in=[first, second])
        assert [m.user_id for m in joined] == [invitation.accepted_by_id]


def test_a_new_link_asked_for_twice_leaves_one_link_working():
    for _ in range(ROUNDS):
        invitation, couple = _invitation()
        starter = invitation.invited_by
        tap = signed_in(starter)
        url = f"/couples/{couple.code}/invite/"
        at_once((tap, url, {"email": ""}), (same_tab(tap), url, {"email": ""}))
        assert couple.invitations.pending().count() == 1


def test_starting_a_couple_twice_at_once_starts_one():
    for _ in range(ROUNDS):
        person = UserFactory()
        tap = signed_in(person)
        role = {"role": Role.INJURED}
        at_once(
            (tap, "/couples/start/", role), (same_tab(tap), "/couples/start/", role)
        )
        assert Membership.objects.filter(user=person).count() == 1
