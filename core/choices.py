"""Radio choices, written one way on every page (templates/components/radio_choice.html).

A page writes each radio input from a RadioChoice rather than through Django's widget templates:
the check-in page has 28 of them, and widget rendering was a third of that page's time.
"""

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class RadioChoice:
    name: str
    value: str
    label: str
    id: str
    checked: bool
    required: bool
    invalid: bool


def radio_choices(field: forms.BoundField, *, leave_out=()) -> list[RadioChoice]:
    """One RadioChoice per choice of `field`, as bound (what was chosen or posted is checked)."""
    current = field.value()
    current = "" if current is None else str(current)
    invalid = bool(field.errors)
    return [
        RadioChoice(
            name=field.html_name,
            value=str(value),
            label=str(label),
            id=f"{field.auto_id}_{index}",
            checked=str(value) == current,
            required=field.field.required,
            invalid=invalid,
        )
        for index, (value, label) in enumerate(field.field.choices)
        if str(value) not in leave_out
    ]
