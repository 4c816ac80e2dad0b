"""Journeys begin when a couple is formed (couples.signals.couple_started), no longer the first
time a page is looked at. Couples formed before that whose journey never began get it now, at the
first phase, with its "started" step, as their first look would have given them."""

from django.db import migrations


def begin_missing_journeys(apps, schema_editor):
    Couple = apps.get_model("couples", "Couple")
    Journey = apps.get_model("repair", "Journey")
    JourneyEvent = apps.get_model("repair", "JourneyEvent")
    Phase = apps.get_model("repair", "Phase")
    first = Phase.objects.order_by("order").first()
    if first is None:
        return  # no content yet: nothing can have been formed around it
    for couple in Couple.objects.filter(journey__isnull=True):
        Journey.objects.create(couple=couple, phase=first)
        JourneyEvent.objects.create(couple=couple, kind="started", phase=first)


class Migration(migrations.Migration):
    dependencies = [
        ("repair", "0010_testing_before_sexual_exercises"),
        ("couples", "0008_access_log_prunable"),
    ]

    operations = [
        migrations.RunPython(begin_missing_journeys, migrations.RunPython.noop)
    ]
