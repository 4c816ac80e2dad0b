"""Seeds the crisis lines from privacy/content/crisis_lines.toml.

A row that already exists (same country and service) is left as it is: staff may have corrected
it in the admin, and a re-run must never put an old number back.
"""

import tomllib
from pathlib import Path

from django.db import migrations

CONTENT = Path(__file__).resolve().parent.parent / "content" / "crisis_lines.toml"

FIELDS = (
    "kind", "order", "helps_with", "phone", "text_number", "text_message", "source_url",
    "last_checked",
)


def seed(apps, schema_editor):
    CrisisLine = apps.get_model("privacy", "CrisisLine")
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    for line in data["lines"]:
        CrisisLine.objects.get_or_create(
            country=line["country"],
            service=line["service"],
            defaults={name: line[name] for name in FIELDS if name in line},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_crisis_lines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
