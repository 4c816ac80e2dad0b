"""Loads Mend's written content into the database: the journey's phases and exercises, the consent
menu, the crisis lines and the wording of gentle prompts.

Run after `migrate` (make run, the compose `migrate` service and the test setup do). Idempotent: it
adds what is missing and never changes what staff edited in the admin.
"""

from django.core.management.base import BaseCommand

from checkins import starter_content as consent_menu
from measures import starter_content as measures
from privacy import starter_content as crisis_lines
from prompts import starter_content as prompt_texts
from repair import starter_content as journey

LOADERS = {
    "phases and exercises": journey.load,
    "consent menu groups and items": consent_menu.load,
    "crisis lines": crisis_lines.load,
    "prompt texts": prompt_texts.load,
    "measures": measures.load,
}


def load_all() -> dict[str, int]:
    return {name: load() for name, load in LOADERS.items()}


class Command(BaseCommand):
    help = "Adds the written content (exercises, consent menu, crisis lines, prompt texts) an install lacks."

    def handle(self, *args, **options):
        for name, created in load_all().items():
            self.stdout.write(f"{name}: {created} added")
