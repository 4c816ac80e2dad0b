from django import forms

from core.choices import RadioChoice, radio_choices

from .models import Cadence, Instrument


class MeasureForm(forms.Form):
    """One measure's items, each a required radio group with the published answers."""

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for number, item in enumerate(instrument.items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=item["text"],
                choices=[(str(value), label) for value, label in item["choices"]],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please choose the answer closest to how it has been."
                },
            )

    @property
    def rows(self) -> list[tuple[int, forms.BoundField, list[RadioChoice]]]:
        return [
            (number, self[name], radio_choices(self[name]))
            for number, name in enumerate(self.fields, start=1)
        ]

    def answers(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.fields]


class TrendSharingForm(forms.Form):
    with_partner = forms.BooleanField(required=False)


class CadenceForm(forms.Form):
    """How often a gentle prompt invites both partners to their measures."""

    weeks = forms.TypedChoiceField(
        label="How often should we be invited?",
        choices=[(str(value), label) for value, label in Cadence.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose how often, or “No invitations”.",
            "invalid_choice": "Please choose one of the options below.",
        },
    )

    @property
    def choices(self) -> list[RadioChoice]:
        return radio_choices(self["weeks"])
