"""Once seeded the wording of gentle prompts.

That wording now lives in prompts/content/prompt_texts.toml and is loaded by
`manage.py load_content` (prompts/starter_content.py).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("prompts", "0001_initial")]
    operations = []
