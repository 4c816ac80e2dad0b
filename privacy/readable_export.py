"""The export as a document for people: each kind of thing under its own heading, each row with its
date, the person's own words, then the other facts in plain labels.

Built only from ``ownership.export_for``'s data, so it holds exactly what the file for machines
holds. Only the reference numbers that tie rows together (ids, and the ids of what a row points
at) are left out: they mean nothing to a reader.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

# The date a reader would file a row under, in order of preference.
WHEN_FIELDS = (
    "written_on",
    "local_date",
    "written_at",
    "sent_at",
    "created_at",
    "given_at",
    "at",
    "started_at",
    "joined_at",
    "date_joined",
)


@dataclass
class Item:
    when: datetime.date | datetime.datetime | None = None
    words: list[tuple[str, str]] = field(default_factory=list)  # (label, their text)
    facts: list[tuple[str, object]] = field(default_factory=list)

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime.datetime)


@dataclass
class Part:
    title: str
    items: list[Item]


def _label(model_field) -> str:
    name = str(getattr(model_field, "verbose_name", "") or model_field.name)
    return name[:1].upper() + name[1:]


def _readable(model_field, value):
    """A value as a reader would say it: a choice's words, a date as a date, yes or no."""
    if value is None or value == "":
        return None
    if getattr(model_field, "flatchoices", None):
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.BooleanField):
        return "yes" if value else "no"
    if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
        return parse_datetime(value) or value
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        return parse_date(value) or value
    return value


def _is_reference(model_field) -> bool:
    return model_field.primary_key or model_field.is_relation


def _item(model, row: dict) -> Item:
    item = Item()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    when_name = next((name for name in WHEN_FIELDS if row.get(name)), None)
    for name, value in row.items():
        model_field = fields.get(name)
        if model_field is None or _is_reference(model_field):
            continue
        readable = _readable(model_field, value)
        if name == when_name:
            item.when = readable
        elif readable is None:
            continue
        elif isinstance(model_field, models.TextField):
            item.words.append((_label(model_field), str(readable)))
        else:
            item.facts.append((_label(model_field), readable))
    return item


def document_for(export: dict) -> list[Part]:
    """The export's sections that hold anything, in the export's order."""
    parts = []
    for section in export["sections"]:
        if not section["rows"]:
            continue
        model = apps.get_model(section["model"])
        parts.append(
            Part(
                title=section["title"],
                items=[_item(model, row) for row in section["rows"]],
            )
        )
    return parts
