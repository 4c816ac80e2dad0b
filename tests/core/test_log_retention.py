"""R43: the append-only logs have a retention setting, and pruning removes only rows past it."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import StaffChange
from core.models import AuthzDenied
from couples.models import AccessEvent
from today.management.commands.prune_logs import LOGS, prune

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the guard is a PostgreSQL trigger"
)
NOW = timezone.now()


def log_rows(days_old: int) -> None:
    at = NOW - datetime.timedelta(days=days_old)
    AccessEvent.objects.create(
        couple_id=1, viewer_id=2, viewer_name="T", what="dashboard", at=at
    )
    AuthzDenied.objects.create(user_id=1, path="/x/", status=404, at=at)
    StaffChange.objects.create(
        person_id=1, staff_id=2, staff_name="S", what="active", at=at
    )


def counts() -> list[int]:
    return [model.objects.count() for model, _ in LOGS]


def test_r43_pruning_removes_only_rows_past_retention():
    log_rows(days_old=400)
    log_rows(days_old=100)
    log_rows(days_old=0)
    removed = prune(days=365, now=NOW)
    assert set(removed.values()) == {1}
    assert counts() == [2, 2, 2]
    prune(days=90, now=NOW)
    assert counts() == [1, 1, 1]


def test_the_command_uses_the_setting_and_refuses_a_tiny_retention(settings):
    log_rows(days_old=60)
    settings.LOG_RETENTION_DAYS = 90
    call_command("prune_logs")
    assert counts() == [1, 1, 1]
    settings.LOG_RETENTION_DAYS = 45
    call_command("prune_logs")
    assert counts() == [0, 0, 0]
    with pytest.raises(CommandError):
        call_command("prune_logs", days=7)


@postgresql_only
@pytest.mark.parametrize(("model", "column"), LOGS)
def test_r43_the_guard_refuses_any_other_deletion_and_every_update(model, column):
    log_rows(days_old=400)
    row = model.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=row.pk).delete()  # no cut-off declared
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{column: NOW})
    # A cut-off declared by hand can't reach a row newer than it.
    log_rows(days_old=1)
    recent = model.objects.order_by("-pk").first()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('mend.prune_before', %s, true)",
                [(NOW - datetime.timedelta(days=30)).isoformat()],
            )
        with pytest.raises(DatabaseError), transaction.atomic():
            model.objects.filter(pk=recent.pk).delete()
    assert model.objects.count() == 2
