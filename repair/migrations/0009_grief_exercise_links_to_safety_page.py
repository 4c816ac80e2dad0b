"""The grief exercise's promise of help becomes a link to where the help is.

Its "if it hurts" text said help was on the Safety page without linking there. Installs seeded
before this get the new sentence, and a new version of the exercise so the old wording can still
be restored. An exercise whose text staff already changed is left alone.
"""

from django.db import migrations
from django.db.models import Max

OLD = "please reach out to a therapist or a crisis line; you will find help in the app's Safety page."
NEW = (
    "please reach out to a therapist or a crisis line: [the Safety page](/safety/#self-harm) "
    "has what to do right now and the crisis lines for your country."
)


def link_to_help(apps, schema_editor):
    Exercise = apps.get_model("repair", "Exercise")
    ExerciseVersion = apps.get_model("repair", "ExerciseVersion")
    seed = __import__("repair.migrations.0002_seed_content", fromlist=["VERSIONED_FIELDS"])
    for exercise in Exercise.objects.filter(slug="grief-and-anger", if_it_hurts__contains=OLD):
        exercise.if_it_hurts = exercise.if_it_hurts.replace(OLD, NEW)
        exercise.save(update_fields=["if_it_hurts"])
        number = (ExerciseVersion.objects.filter(exercise=exercise).aggregate(n=Max("number"))["n"] or 0) + 1
        ExerciseVersion.objects.create(
            exercise=exercise,
            number=number,
            content={name: getattr(exercise, name) for name in seed.VERSIONED_FIELDS},
            note="Links to the Safety page's help",
        )


class Migration(migrations.Migration):
    dependencies = [("repair", "0008_leaving_ends_a_session")]

    operations = [migrations.RunPython(link_to_help, migrations.RunPython.noop)]
