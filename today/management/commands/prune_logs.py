"""Removes rows of the append-only logs older than LOG_RETENTION_DAYS. Run it daily (cron, or
`docker compose exec web python manage.py prune_logs`).

On PostgreSQL the logs' triggers refuse every DELETE except of a row older than the cut-off this
command declares for its own transaction, so it can never remove anything newer, and nothing else
can remove anything at all.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import StaffChange
from core.append_only import PRUNE_BEFORE_SETTING
from core.models import AuthzDenied
from couples.models import AccessEvent

# Each log with the column that dates its rows.
LOGS = [(AccessEvent, "at"), (AuthzDenied, "at"), (StaffChange, "at")]
# Below this a mistyped setting could empty the couple's record of who looked.
MINIMUM_DAYS = 30


def prune(*, days: int, now: datetime.datetime | None = None) -> dict[str, int]:
    if days < MINIMUM_DAYS:
        raise ValueError(f"Keep the logs at least {MINIMUM_DAYS} days.")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    removed = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # is_local=true: the cut-off ends with this transaction.
                cursor.execute(
                    "SELECT set_config(%s, %s, true)",
                    [PRUNE_BEFORE_SETTING, cutoff.isoformat()],
                )
        for model, column in LOGS:
            count, _ = model.objects.filter(**{f"{column}__lt": cutoff}).delete()
            removed[model._meta.verbose_name_plural] = count
    return removed


class Command(BaseCommand):
    help = "Remove log rows older than LOG_RETENTION_DAYS (the only deletion the logs allow)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override LOG_RETENTION_DAYS for this run.",
        )

    def handle(self, *args, days=None, **options):
        try:
            removed = prune(days=days or settings.LOG_RETENTION_DAYS)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for name, count in removed.items():
            self.stdout.write(f"{name}: {count} removed")
