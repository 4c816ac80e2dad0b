"""The therapist's dashboard: a calm line per couple, pending invitations, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS
from couples import care
from couples.access import active_membership
from couples.models import AccessEvent
from repair import journey
from repair.models import Phase
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

from .conftest import HTMX
from .factories import NOTHING, consent, full_access, invite, make_therapist

pytestmark = pytest.mark.django_db
# Session, user, profile, couples, their grants, invitations, members with their check-ins, the log,
# and the header's pause state: at most R32's eight besides the session.
BUDGET = 9


def couple_sharing_with(therapist, n: int, *, history: int = 1) -> None:
    first = UserFactory(display_name=f"Robin{n}")
    second = UserFactory(display_name=f"Sam{n}")
    couple = pair(first, second)
    full_access(couple, therapist, first, second)
    a = active_membership(first)
    for _ in range(history):
        journey.propose_advance(membership=a)
        journey.step_back(membership=a)
    record_checkin(
        user=first, membership=a, light="red", scores=dict.fromkeys(SAFETY_FIELDS, 2)
    )


def dashboard_queries(client, therapist) -> int:
    client.force_login(therapist)
    client.get(reverse("therapists:dashboard"))  # the session's first request saves it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("therapists:dashboard")).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_for_one_couple_or_five(
    client, theo, django_assert_max_num_queries
):
    make_therapist(theo)
    couple_sharing_with(theo, 0)
    one = dashboard_queries(client, theo)
    for n in range(1, 5):
        couple_sharing_with(theo, n, history=6)
    assert dashboard_queries(client, theo) == one
    with django_assert_max_num_queries(BUDGET):
        client.get(reverse("therapists:dashboard"))


def test_waiting_invitations_cost_no_more_queries(client, couple, alice, bob, theo):
    make_therapist(theo)
    couple_sharing_with(theo, 0)
    without = dashboard_queries(client, theo)
    consent(invite(couple, theo, by=alice), bob)
    kit, lee = UserFactory(display_name="Kit"), UserFactory(display_name="Lee")
    consent(invite(pair(kit, lee), theo, by=kit), lee)
    assert dashboard_queries(client, theo) == without
    page = client.get(reverse("therapists:dashboard")).text
    assert "Alice and Bob would like you to follow along" in page
    assert "Kit and Lee would like you to follow along" in page
    assert "Robin0 and Sam0" in page


def test_each_couple_has_a_calm_summary_line(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    journey.journey_for(couple)
    record_checkin(
        user=alice,
        membership=active_membership(alice),
        light="red",
        scores=dict.fromkeys(SAFETY_FIELDS, 2),
    )
    client.force_login(theo)
    page = client.get(reverse("therapists:dashboard")).text
    assert "Alice and Bob" in page
    assert reverse("therapists:couple", args=[made.code]) in page
    assert "Alice: 1 red day this week" in page
    assert "Active today" in page


def test_the_summary_says_only_what_is_shared(client, couple, alice, bob, theo):
    make_therapist(theo)
    full_access(couple, theo, alice, bob, second_choices=NOTHING)
    journey.journey_for(couple)
    record_checkin(
        user=bob,
        membership=active_membership(bob),
        light="red",
        scores=dict.fromkeys(SAFETY_FIELDS, 2),
    )
    client.force_login(theo)
    page = client.get(reverse("therapists:dashboard")).text
    assert "red day" not in page  # Bob doesn't share his check-ins
    assert Phase.objects.order_by("order").first().title not in page
    assert "No shared activity yet" in page


def test_each_look_at_the_dashboard_is_logged_for_each_couple(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    kit, lee = UserFactory(display_name="Kit"), UserFactory(display_name="Lee")
    second = pair(kit, lee)
    full_access(second, theo, kit, lee)
    client.force_login(theo)
    for looks in (1, 2):
        page = client.get(reverse("therapists:dashboard")).text
        assert "Alice and Bob" in page
        assert "Kit and Lee" in page
        for each in (couple, second):
            assert (
                AccessEvent.objects.filter(
                    couple_id=each.pk, viewer_id=theo.pk, what="dashboard"
                ).count()
                == looks
            )
    for partner in (alice, bob, kit, lee):
        client.force_login(partner)
        log = client.get(reverse("couples:care_log")).text
        assert "Theo saw your summary line on their dashboard" in log


def test_a_couple_not_on_the_dashboard_gets_no_line_in_its_log(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    kit, lee = UserFactory(display_name="Kit"), UserFactory(display_name="Lee")
    revoked = pair(kit, lee)
    care.revoke_grant(invite=full_access(revoked, theo, kit, lee), user=lee)
    client.force_login(theo)
    assert "Kit and Lee" not in client.get(reverse("therapists:dashboard")).text
    assert AccessEvent.objects.filter(couple_id=couple.pk).count() == 1
    assert not AccessEvent.objects.filter(couple_id=revoked.pk).exists()


def test_a_new_invitation_shows_once_both_partners_have_agreed(
    client, couple, alice, bob, theo
):
    make_therapist(theo)
    made = invite(couple, theo, by=alice)
    client.force_login(theo)
    assert "Alice" not in client.get(reverse("therapists:dashboard")).text
    consent(made, bob)
    page = client.get(reverse("therapists:dashboard")).text
    assert "Alice and Bob would like you to follow along" in page
    assert reverse("therapists:accept", args=[made.code]) in page


def test_someone_not_yet_approved_is_sent_to_registration(client, theo, charlie):
    make_therapist(theo, approved=False)
    for person in (theo, charlie):
        client.force_login(person)
        response = client.get(reverse("therapists:dashboard"))
        assert response.url == reverse("therapists:register")


def test_an_htmx_request_for_the_dashboard_still_checks_access(client, charlie):
    client.force_login(charlie)
    response = client.get(reverse("therapists:dashboard"), headers=HTMX)
    assert response.status_code == 302
