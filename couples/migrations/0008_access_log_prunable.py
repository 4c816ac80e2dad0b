from django.db import migrations

from core.append_only import prunable_guard


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0007_private_safety_check"),
        ("core", "0003_refused_requests_prunable"),
    ]

    operations = [prunable_guard("couples_accessevent", "The access log")]
