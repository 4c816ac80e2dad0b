"""The consent menu, as written in checkins/content/consent_menu.toml.

`load()` adds the groups and items an install doesn't have yet, each shared or one half of a
directional pair, and never changes existing ones: staff edit the menu in the admin. A change of
shipped wording for existing installs is a data migration of its own (0004 did one: answers to an
item whose meaning changed rest until each person looks at them again).
"""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import ConsentGroup, ConsentItem

CONTENT = Path(__file__).resolve().parent / "content" / "consent_menu.toml"


def menu_content() -> dict:
    """The menu file, refused if a directional item doesn't name its other half both ways."""
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    items = {i["slug"]: i for g in data["groups"] for i in g.get("items", [])}
    for slug, item in items.items():
        other = item.get("counterpart")
        if item["kind"] == "directional":
            paired = other in items and items[other].get("counterpart") == slug
        else:
            paired = item["kind"] == "shared" and other is None
        if not paired:
            raise ValueError(
                f"{slug}: a directional item names its counterpart both ways"
            )
    return data


@transaction.atomic
def load() -> int:
    """Creates missing groups and items and pairs new halves; returns how many rows it created."""
    data = menu_content()
    created = 0
    pairs = {}
    for group_data in data["groups"]:
        group, new = ConsentGroup.objects.get_or_create(
            slug=group_data["slug"],
            defaults={k: group_data[k] for k in ("order", "title", "description")},
        )
        created += new
        for item_data in group_data.get("items", []):
            item, new = ConsentItem.objects.get_or_create(
                slug=item_data["slug"],
                defaults={
                    "group": group,
                    "order": item_data["order"],
                    "label": item_data["label"],
                },
            )
            if new:
                created += 1
                if item_data.get("counterpart"):
                    pairs[item.pk] = item_data["counterpart"]
    ids = dict(ConsentItem.objects.values_list("slug", "pk"))
    for pk, other_slug in pairs.items():
        # One half at a time: "a directional item has its other half" holds after each update.
        ConsentItem.objects.filter(pk=pk).update(
            kind="directional", counterpart_id=ids[other_slug]
        )
    return created
