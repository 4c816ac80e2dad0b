"""R18: every therapist or staff look at a couple's data is written to an append-only log that the
couple can read; the database itself refuses to change or remove a line."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from core.models import AuthzDenied
from couples.models import AccessEvent
from journal import sharing
from journal.models import Entry
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff
from tests.couples.factories import pair
from tests.therapists.factories import full_access, make_therapist

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def the_log_as_seen_by(person) -> str:
    return signed_in(person).get(reverse("couples:care_log")).text


def test_r18_every_therapist_read_is_logged_for_both_partners(couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    # Theo also sees Kit and Lee: the dashboard is a look at both couples, a couple's own pages
    # a look at that couple only.
    kit, lee = UserFactory(display_name="Kit"), UserFactory(display_name="Lee")
    other = pair(kit, lee)
    full_access(other, theo, kit, lee)
    therapist = signed_in(theo)
    reads = [
        reverse("therapists:dashboard"),
        reverse("therapists:couple", args=[made.code]),
        reverse("therapists:export", args=[made.code]),
    ]
    for n, page in enumerate(reads, start=1):
        assert therapist.get(page).status_code == 200
        assert (
            AccessEvent.objects.filter(couple_id=couple.pk, viewer_id=theo.pk).count()
            == n
        )
        assert (
            AccessEvent.objects.filter(couple_id=other.pk, viewer_id=theo.pk).count()
            == 1
        ), page
    for partner in (alice, bob):
        log = the_log_as_seen_by(partner)
        assert log.count("Theo") >= len(reads)
        assert "opened the printable summary" in log
    for partner in (kit, lee):
        log = the_log_as_seen_by(partner)
        assert "Theo saw your summary line on their dashboard" in log
        assert "opened the printable summary" not in log
        assert "looked at what you share" not in log


def test_r18_a_partner_reading_what_was_shared_is_not_surveillance(couple, alice, bob):
    entry = Entry.objects.create(author=alice, written_on="2026-03-01", body="x")
    sharing.set_sharing(entry=entry, with_partner=True, with_therapist=False)
    assert (
        signed_in(bob)
        .get(reverse("journal:shared_entry", args=[entry.code]))
        .status_code
        == 200
    )
    assert AccessEvent.objects.count() == 0


def test_r18_staff_opening_a_couple_in_the_admin_is_logged_for_the_couple(
    couple, alice, bob, theo
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    staff = UserFactory(display_name="Sam Staff", is_staff=True, is_superuser=True)
    admin = sign_in_staff(Client(), staff)
    pages = [
        reverse("admin:couples_couple_change", args=[couple.pk]),
        reverse("admin:couples_careteaminvite_change", args=[made.pk]),
        reverse("admin:couples_invitation_change", args=[couple.invitations.get().pk]),
    ]
    for n, page in enumerate(pages, start=1):
        assert admin.get(page).status_code == 200
        assert (
            AccessEvent.objects.filter(couple_id=couple.pk, viewer_id=staff.pk).count()
            == n
        ), page
    # Lists that name people are logged for each couple they show.
    for changelist in ("couples_careteaminvite", "couples_invitation"):
        before = AccessEvent.objects.filter(viewer_id=staff.pk).count()
        assert admin.get(reverse(f"admin:{changelist}_changelist")).status_code == 200
        assert AccessEvent.objects.filter(viewer_id=staff.pk).count() == before + 1
    for partner in (alice, bob):
        assert "Sam Staff" in the_log_as_seen_by(partner)


@pytest.mark.parametrize("model", [AccessEvent, AuthzDenied])
def test_r18_the_database_refuses_to_change_or_remove_a_line(model, couple):
    if connection.vendor != "postgresql":
        pytest.skip("the guard is a PostgreSQL trigger")
    if model is AccessEvent:
        row = AccessEvent.objects.create(
            couple_id=couple.pk, viewer_id=1, viewer_name="T", what="couple_page"
        )
    else:
        row = AuthzDenied.objects.create(user_id=1, path="/x/", status=404)
    table = model._meta.db_table
    for statement in (
        f"UPDATE {table} SET id = id WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [row.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=row.pk).delete()
    assert model.objects.filter(pk=row.pk).exists()
