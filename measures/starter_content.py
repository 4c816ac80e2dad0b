"""The shipped measures, as written in measures/content/instruments.toml.

`load()` adds an instrument an install doesn't have yet (by slug) and leaves existing ones as they
are: staff may have corrected something in the admin, and a re-run must never undo it.
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import Instrument

CONTENT = Path(__file__).resolve().parent / "content" / "instruments.toml"

FIELDS = (
    "name", "short_name", "order", "about", "about_involved", "before", "instructions", "scoring",
    "min_total", "max_total", "higher_is", "cutoff", "cutoff_upper", "cutoff_words", "ranges",
    "reliability", "reliability_source", "sd", "reliable_change", "reliable_change_source",
    "missing_allowed", "missing_rule", "risk_items", "risk_total", "risk_note", "licence",
    "licence_kind", "source_url", "licence_url", "licence_checked", "licence_note", "notice",
)  # fmt: skip


def shipped() -> list[dict]:
    """Each shipped instrument's fields, with its items in the stored shape."""
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    return [_as_fields(entry) for entry in data["instruments"]]


def _as_fields(entry: dict) -> dict:
    default = entry.get("choices")
    if "item_list" in entry:
        items = [
            {"text": item["text"], "choices": item.get("choices", default)}
            for item in entry["item_list"]
        ]
    else:
        items = [{"text": text, "choices": default} for text in entry["items"]]
    fields = {name: entry[name] for name in FIELDS if name in entry}
    return {"slug": entry["slug"], "items": items, **fields}


@transaction.atomic
def load() -> int:
    created = 0
    for fields in shipped():
        slug = fields.pop("slug")
        _, new = Instrument.objects.get_or_create(slug=slug, defaults=fields)
        created += new
    return created
