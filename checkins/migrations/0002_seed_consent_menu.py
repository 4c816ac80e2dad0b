"""Once seeded the consent menu from checkins/content/consent_menu.toml.

The menu is now loaded by `manage.py load_content` (checkins/starter_content.py), so this
migration no longer reads a file whose wording changes over time.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("checkins", "0001_initial")]
    operations = []
