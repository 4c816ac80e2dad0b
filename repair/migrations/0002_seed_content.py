"""Once seeded the phases and exercises from repair/content/*.toml.

That content is now loaded by `manage.py load_content` (repair/starter_content.py), so this
migration no longer reads files whose wording changes over time. Installs migrated before keep
what it seeded then; new installs get the content from the command.

VERSIONED_FIELDS stays: migration 0009 reads it.
"""

from django.db import migrations

VERSIONED_FIELDS = (
    "title", "who", "kind", "minutes", "summary", "why", "instructions", "how_to_stop",
    "if_it_hurts", "scripts", "reflection_questions", "published", "order",
)


class Migration(migrations.Migration):
    dependencies = [("repair", "0001_initial")]

    operations = []
