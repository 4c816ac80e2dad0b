from django import forms

from core.choices import RadioChoice, radio_choices

from .models import SAFETY_STATEMENTS, Answer, CheckAgain, Light

SCALE = [(n, str(n)) for n in range(1, 6)]


class CheckInForm(forms.Form):
    """The light, tapped as one of three buttons, and an optional note: a whole check-in."""

    light = forms.ChoiceField(
        label="How ready do you feel for closeness today?",
        choices=Light.choices,
        error_messages={
            "required": "Please choose a light. Any answer is a good answer.",
            "invalid_choice": "Please choose green, yellow or red.",
        },
    )
    feelings = forms.CharField(
        label="A few feeling words (optional)",
        required=False,
        max_length=200,
        help_text="For example: tired, hopeful, raw. Only you see these.",
    )
    note = forms.CharField(
        label="A private note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note_shared = forms.BooleanField(
        label="Let my partner read this note", required=False
    )

    @property
    def lights(self) -> list[tuple[str, str, str]]:
        """Each light as (value, colour word, what it asks), for its one-tap button."""
        return [
            (value, *label.split(" — ", 1))
            for value, label in self.fields["light"].choices
        ]


class StatementsForm(forms.Form):
    """The five safety statements, each on a 1–5 scale and each optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, statement in SAFETY_STATEMENTS:
            self.fields[name] = forms.TypedChoiceField(
                label=statement,
                choices=SCALE,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={
                    "invalid_choice": "Please choose a number from 1 to 5."
                },
            )

    @property
    def scale_rows(self) -> list[tuple[forms.BoundField, list[RadioChoice]]]:
        return [
            (self[name], radio_choices(self[name])) for name, _ in SAFETY_STATEMENTS
        ]

    def scores(self) -> dict[str, int | None]:
        return {name: self.cleaned_data[name] for name, _ in SAFETY_STATEMENTS}


class ConsentAnswerForm(forms.Form):
    """One item's answer, private note and "check again" choice, posted as item-<slug>-<field>."""

    answer = forms.ChoiceField(
        choices=[("", "Not answered"), *Answer.choices], required=False
    )
    note = forms.CharField(required=False, max_length=2000, strip=True)
    check_again = forms.TypedChoiceField(
        choices=[("", "No need"), *CheckAgain.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, data, *, item, initial=None):
        super().__init__(data, prefix=f"item-{item.slug}", initial=initial)

    def differs_from(self, row) -> bool:
        """Whether this changes what is saved: an untouched answer is not looked at again."""
        saved = (
            (row.answer, row.note, row.check_again_months) if row else ("", "", None)
        )
        return saved != (
            self.cleaned_data["answer"],
            self.cleaned_data["note"],
            self.cleaned_data["check_again"],
        )


# Short words for the live lights inside a session room.
SESSION_LIGHTS = [
    ("green", "Green", "Keep going"),
    ("yellow", "Yellow", "Slow down"),
    ("red", "Red", "Stop"),
]
