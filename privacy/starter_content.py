"""The crisis lines, as written in privacy/content/crisis_lines.toml.

`load()` adds a line an install doesn't have yet (by country and service) and leaves existing
ones as they are: staff may have corrected a number in the admin, and a re-run must never put an
old number back.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import CrisisLine

CONTENT = Path(__file__).resolve().parent / "content" / "crisis_lines.toml"

FIELDS = (
    "kind",
    "order",
    "helps_with",
    "phone",
    "text_number",
    "text_message",
    "source_url",
    "last_checked",
)


@transaction.atomic
def load() -> int:
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    created = 0
    for line in data["lines"]:
        _, new = CrisisLine.objects.get_or_create(
            country=line["country"],
            service=line["service"],
            defaults={name: line[name] for name in FIELDS if name in line},
        )
        created += new
    return created
