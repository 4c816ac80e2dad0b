from django.db import migrations

from core.append_only import append_only_guard


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_staff_changes"),
        ("core", "0002_authz_denied_append_only"),
    ]

    operations = [
        append_only_guard("accounts_staffchange", "The record of staff changes"),
    ]
