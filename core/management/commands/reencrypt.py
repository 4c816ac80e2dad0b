from django.apps import apps
from django.core.management.base import BaseCommand

from core import crypto
from core.fields import EncryptedTextField, is_stale, reseal_row


class Command(BaseCommand):
    help = (
        "Rewrites every sealed value under the newest FIELD_ENCRYPTION_KEYS key, so older keys"
        " can be dropped. Safe to run while people write: each row is locked, read afresh and"
        " rewritten in a short transaction of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        newest = crypto.current_key_id()
        for model in apps.get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, EncryptedTextField)
            ]
            if not names:
                continue
            rewritten = 0
            # The scan only finds candidates; the rewrite happens under the row's lock, on what
            # the row holds then, never on what the scan read.
            rows = model._base_manager.values_list("pk", *names).order_by("pk")
            for pk, *values in rows.iterator(chunk_size=batch_size):
                if any(is_stale(value) for value in values):
                    rewritten += reseal_row(model, pk, names)
            self.stdout.write(
                f"{model._meta.label}: {rewritten} rows rewritten under key {newest!r}"
            )
