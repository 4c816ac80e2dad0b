"""The wording of gentle prompts, as written in prompts/content/prompt_texts.toml.

`load()` gives each kind of prompt its texts when an install has none of that kind yet. Staff
edit, add and retire texts in the admin, so once a kind has any, a re-run leaves it alone and never
brings back wording they changed.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import PromptText

CONTENT = Path(__file__).resolve().parent / "content" / "prompt_texts.toml"


@transaction.atomic
def load() -> int:
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    created = 0
    present = set(PromptText.objects.values_list("kind", flat=True).distinct())
    for group in data["texts"]:
        if group["kind"] in present:
            continue
        PromptText.objects.bulk_create(
            PromptText(kind=group["kind"], text=text) for text in group["lines"]
        )
        created += len(group["lines"])
    return created
