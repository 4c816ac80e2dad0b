"""Written content comes from `manage.py load_content`: idempotent, and it never undoes staff edits.
Migrations no longer read the content files, so an old migration never changes meaning."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from checkins.models import ConsentItem
from privacy.models import CrisisLine
from prompts.models import PromptText
from repair.models import Exercise, ExerciseVersion, Phase
from today.management.commands.load_content import load_all

pytestmark = pytest.mark.django_db


def test_a_second_run_adds_nothing_and_says_so():
    counts = (
        Phase.objects.count(),
        Exercise.objects.count(),
        ConsentItem.objects.count(),
        CrisisLine.objects.count(),
        PromptText.objects.count(),
    )
    assert all(counts)
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert set(re.findall(r": (\d+) added", out.getvalue())) == {"0"}
    assert counts == (
        Phase.objects.count(),
        Exercise.objects.count(),
        ConsentItem.objects.count(),
        CrisisLine.objects.count(),
        PromptText.objects.count(),
    )


def test_staff_edits_survive_a_run_and_missing_rows_come_back():
    exercise = Exercise.objects.get(slug="daily-honesty")
    exercise.title = "Honesty, daily (edited by staff)"
    exercise.save()
    item = ConsentItem.objects.order_by("pk").first()
    item.label = "Edited by staff"
    item.save()
    text = PromptText.objects.filter(kind="checkin").first()
    text.text = "Edited by staff"
    text.save()
    removed = Exercise.objects.filter(slug="grief-and-anger")
    ExerciseVersion.objects.filter(exercise__in=removed).delete()
    removed.delete()

    added = load_all()

    assert added["phases and exercises"] == 1
    assert Exercise.objects.get(slug="daily-honesty").title.endswith(
        "(edited by staff)"
    )
    assert ConsentItem.objects.get(pk=item.pk).label == "Edited by staff"
    assert PromptText.objects.filter(text="Edited by staff").exists()
    assert added["prompt texts"] == 0  # the kind still has texts: nothing brought back
    back = Exercise.objects.get(slug="grief-and-anger")
    assert back.versions.get().number == 1


def test_new_directional_items_are_paired_both_ways():
    ConsentItem.objects.filter(kind="directional").update(
        counterpart=None, kind="shared"
    )
    ConsentItem.objects.all().delete()
    load_all()
    for item in ConsentItem.objects.filter(kind="directional"):
        assert item.counterpart.counterpart_id == item.pk


def test_no_migration_reads_a_content_file():
    for path in Path(settings.BASE_DIR).glob("*/migrations/0*.py"):
        source = path.read_text(encoding="utf-8")
        assert "read_text(" not in source, path
        assert "open(" not in source, path
