"""Once seeded the crisis lines from privacy/content/crisis_lines.toml.

They are now loaded by `manage.py load_content` (privacy/starter_content.py), so this migration no
longer reads a file that changes over time.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_crisis_lines")]

    operations = []
