"""The repair journey's phases and exercises, as written in repair/content/*.toml.

`load()` adds what an install doesn't have yet and never changes what it has: staff edit the
exercises in the admin, and a re-run must not put old wording back. A change to shipped wording
for existing installs is a data migration of its own (see 0009), with a version to go back from.
Every new exercise starts with version 1, so staff can always return to the original text.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import Exercise, ExerciseVersion, Phase

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def _text(value) -> str:
    return (value or "").strip()


@transaction.atomic
def load() -> int:
    """Creates missing phases and exercises; returns how many rows it created."""
    created = 0
    for path in sorted(CONTENT_DIR.glob("phase-*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        p = data["phase"]
        phase, new = Phase.objects.get_or_create(
            slug=p["slug"],
            defaults={
                "order": p["order"],
                "title": _text(p["title"]),
                "purpose": _text(p["purpose"]),
                "what_it_is": _text(p["is"]),
                "what_it_is_not": _text(p["is_not"]),
                "readiness": _text(p["readiness"]),
            },
        )
        created += new
        for e in data.get("exercises", []):
            exercise, new = Exercise.objects.get_or_create(
                slug=e["slug"],
                defaults={
                    "phase": phase,
                    "order": e["order"],
                    "title": _text(e["title"]),
                    "who": e["who"],
                    "kind": e["kind"],
                    "minutes": e["minutes"],
                    "summary": _text(e.get("summary")),
                    "why": _text(e.get("why")),
                    "instructions": _text(e["instructions"]),
                    "how_to_stop": _text(e.get("how_to_stop")),
                    "if_it_hurts": _text(e.get("if_it_hurts")),
                    "scripts": "\n".join(e.get("scripts", [])),
                    "reflection_questions": "\n".join(
                        e.get("reflection_questions", [])
                    ),
                    "published": True,
                },
            )
            if new:
                created += 1
                ExerciseVersion.objects.create(
                    exercise=exercise,
                    number=1,
                    content=exercise.snapshot(),
                    note="Original text",
                )
    return created
