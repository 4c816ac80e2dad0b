"""The care team's rules: who must agree, what revoking does, and the append-only access log."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from couples import care, pairing
from couples.access import active_membership
from couples.models import AccessEvent, CareTeamInvite, ShareCategory, TherapistGrant
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff
from tests.therapists.factories import (
    EVERYTHING,
    NOTHING,
    can_see,
    consent,
    full_access,
    invite,
    make_therapist,
    sharing_seen_by,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def therapist(theo):
    make_therapist(theo)
    return theo


def test_only_an_approved_therapist_can_be_invited_and_the_refusal_reveals_nothing(
    couple, alice, theo, charlie
):
    make_therapist(theo, approved=False)
    membership = active_membership(alice)
    messages = set()
    for email in ("nobody@example.com", theo.email, charlie.email):
        with pytest.raises(care.CareError) as refused:
            care.invite_therapist(
                membership=membership, email=email, choices=EVERYTHING
            )
        messages.add(str(refused.value))
    assert messages == {care.NO_SUCH_THERAPIST}
    assert not CareTeamInvite.objects.exists()


def test_inviting_waits_until_the_partner_has_joined(alice, therapist):
    couple = pairing.start_couple(user=alice, role="injured")
    with pytest.raises(care.CareError, match="once your partner has joined"):
        care.invite_therapist(
            membership=couple.memberships.get(),
            email=therapist.email,
            choices=EVERYTHING,
        )


def test_access_needs_both_partners_and_the_therapists_yes(
    couple, alice, bob, therapist
):
    made = invite(couple, therapist, by=alice)
    assert not can_see(therapist, couple)
    assert care.pending_for_therapist(therapist) == []  # not even visible to him yet
    consent(made, bob)
    assert [i.pk for i in care.pending_for_therapist(therapist)] == [made.pk]
    assert not can_see(therapist, couple)
    care.accept_invite(invite=made, therapist=therapist)
    assert can_see(therapist, couple)


def test_either_partner_revoking_ends_access_at_once_and_can_agree_again(
    couple, alice, bob, therapist
):
    made = full_access(couple, therapist, alice, bob)
    assert care.revoke_grant(invite=made, user=alice)
    assert not can_see(therapist, couple)
    consent(made, alice)
    assert can_see(therapist, couple)
    assert TherapistGrant.objects.filter(invite=made, user=alice).count() == 2


def test_a_grant_counts_through_its_last_day_and_not_after(
    couple, alice, bob, therapist, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC))
    made = full_access(couple, therapist, alice, bob)
    consent(made, alice, until=datetime.date(2026, 3, 3))
    time_machine.move_to(datetime.datetime(2026, 3, 3, 23, tzinfo=datetime.UTC))
    assert can_see(therapist, couple)
    time_machine.move_to(datetime.datetime(2026, 3, 4, 1, tzinfo=datetime.UTC))
    assert not can_see(therapist, couple)


def test_an_end_date_in_the_past_is_refused(couple, alice, bob, therapist):
    made = invite(couple, therapist, by=alice)
    with pytest.raises(care.CareError, match="today or later"):
        consent(made, bob, until=timezone.localdate() - datetime.timedelta(days=1))


def test_leaving_the_couple_revokes_every_grant_both_ways_in_the_same_step(
    couple, alice, bob, therapist
):
    made = full_access(couple, therapist, alice, bob)
    pairing.leave_couple(user=bob)
    made.refresh_from_db()
    assert made.ended_at is not None
    assert not TherapistGrant.objects.filter(revoked_at__isnull=True).exists()
    assert not can_see(therapist, couple)


def test_revoke_all_grants_for_a_person_ends_their_couples_care_team(
    couple, alice, bob, therapist
):
    made = full_access(couple, therapist, alice, bob)
    care.revoke_all_grants_for(user=alice)
    made.refresh_from_db()
    assert made.ended_at is not None
    assert not TherapistGrant.objects.filter(revoked_at__isnull=True).exists()


def test_withdrawn_approval_ends_access(couple, alice, bob, therapist):
    full_access(couple, therapist, alice, bob)
    therapist.therapist_profile.approved_at = None
    therapist.therapist_profile.save()
    assert not can_see(therapist, couple)


def test_a_therapist_declining_ends_the_invitation(couple, alice, bob, therapist):
    made = invite(couple, therapist, by=alice)
    consent(made, bob)
    care.decline_invite(invite=made, therapist=therapist)
    made.refresh_from_db()
    assert made.ended_at is not None
    assert care.pending_for_therapist(therapist) == []


def test_shared_parts_of_the_picture_need_both_partners(couple, alice, bob, therapist):
    alice_choices = EVERYTHING
    bob_choices = NOTHING | {"checkins": True, "journey": True}
    made = full_access(
        couple,
        therapist,
        alice,
        bob,
        first_choices=alice_choices,
        second_choices=bob_choices,
    )
    sharing = sharing_seen_by(therapist, made)
    assert sharing.together == {ShareCategory.JOURNEY, ShareCategory.CHECKINS}
    assert sharing.person_shares(alice.pk, ShareCategory.JOURNAL)
    assert not sharing.person_shares(bob.pk, ShareCategory.JOURNAL)
    assert not sharing.both(ShareCategory.LETTER)


def test_a_partner_cannot_grant_for_another_couples_invitation(
    couple, alice, bob, charlie, therapist
):
    made = invite(couple, therapist, by=alice)
    with pytest.raises(care.CareError):
        consent(made, charlie)


# The access log ---------------------------------------------------------------------------------


def test_access_is_recorded_with_who_what_and_when(couple, therapist):
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.COUPLE_PAGE
    )
    [event] = care.access_log(couple_id=couple.pk)
    assert (event.viewer_id, event.viewer_name, event.what) == (
        therapist.pk,
        "Theo",
        "couple_page",
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE couples_accessevent SET viewer_name = 'someone else'",
        "DELETE FROM couples_accessevent",
    ],
)
def test_the_database_refuses_to_change_or_delete_the_access_log(
    couple, therapist, sql
):
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.EXPORT
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AccessEvent.objects.get().viewer_name == "Theo"


def test_the_orm_cannot_delete_the_access_log_on_postgresql(couple, therapist):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.EXPORT
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.all().delete()


def test_deleting_a_couple_and_accounts_leaves_the_log_as_it_was(
    couple, alice, bob, therapist
):
    full_access(couple, therapist, alice, bob)
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.COUPLE_PAGE
    )
    couple.delete()
    therapist.delete()
    alice.delete()
    assert AccessEvent.objects.filter(viewer_name="Theo").count() == 1


def test_the_admin_shows_the_access_log_read_only():
    admin = site._registry[AccessEvent]
    staff = UserFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = staff
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


def test_the_admin_lists_the_access_log_and_offers_no_delete(client, couple, therapist):
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.COUPLE_PAGE
    )
    sign_in_staff(client, UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/admin/couples/accessevent/")
    assert listing.status_code == 200
    assert "delete_selected" not in listing.text
    event = AccessEvent.objects.get()
    assert (
        client.post(f"/admin/couples/accessevent/{event.pk}/delete/").status_code == 403
    )
