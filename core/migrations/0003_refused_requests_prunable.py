from django.db import migrations

from core.append_only import prunable_guard


class Migration(migrations.Migration):
    dependencies = [("core", "0002_authz_denied_append_only")]

    operations = [prunable_guard("core_authzdenied", "The log of refused requests")]
