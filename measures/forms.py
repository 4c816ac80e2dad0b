from django import forms

from core.choices import RadioChoice, radio_choices

from . import cadence
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
    """How often a gentle prompt invites both partners to their measures.

    The hurt partner sets the pace: the partner who broke trust is offered (and may choose) only
    less frequent invitations or none (measures.cadence.may_choose); `hurt_name` is the partner
    who chooses the rest."""

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

    def __init__(self, *args, membership, current: int, hurt_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership, self.current, self.hurt_name = membership, current, hurt_name
        self.allowed = cadence.choices_for(membership, current)

    @property
    def limited(self) -> bool:
        """Whether the more frequent choices are the other partner's to make."""
        return cadence.is_paced_by_partner(self.membership)

    def clean_weeks(self) -> int:
        weeks = self.cleaned_data["weeks"]
        if weeks not in self.allowed:
            raise forms.ValidationError(pace_refusal(self.hurt_name, self.current))
        return weeks

    @property
    def choices(self) -> list[RadioChoice]:
        left_out = {str(weeks) for weeks in Cadence.values if weeks not in self.allowed}
        return radio_choices(self["weeks"], leave_out=left_out)


def pace_refusal(hurt_name: str, current: int) -> str:
    """Why the partner who broke trust can't choose more frequent invitations: kindly, no blame."""
    if current == Cadence.OFF:
        return f"{hurt_name} chooses whether you're both invited, and how often."
    return (
        f"{hurt_name} chooses how often you're both invited."
        " You can make it less often or turn it off."
    )
