from django.db import migrations

from core.append_only import prunable_guard


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_staff_changes_append_only"),
        ("core", "0003_refused_requests_prunable"),
    ]

    operations = [prunable_guard("accounts_staffchange", "The record of staff changes")]
