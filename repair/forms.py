import zoneinfo
from datetime import timedelta

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from .models import Letter, LetterResponse, Question

LOCAL_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class LocalTimeField(forms.DateTimeField):
    """A date and time typed in the person's own time zone (set by the form)."""

    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    )

    def __init__(self, **kwargs):
        super().__init__(input_formats=LOCAL_INPUT_FORMATS, **kwargs)


def _in_zone(value, zone_name: str):
    """Reads a naive-as-typed value in the person's zone; Django parsed it in UTC."""
    if value is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    naive = timezone.make_naive(value, timezone.get_current_timezone())
    return timezone.make_aware(naive, zone)


def _check_future(value):
    now = timezone.now()
    if value <= now:
        raise forms.ValidationError("Please choose a time that hasn't passed yet.")
    if value > now + timedelta(days=60):
        raise forms.ValidationError("Please choose a time within the next two months.")
    return value


class InviteForm(forms.Form):
    when = forms.ChoiceField(
        label="When",
        choices=[("now", "Now"), ("later", "At a time I choose")],
        widget=forms.RadioSelect,
        initial="now",
        error_messages={"required": "Please choose now or a later time."},
    )
    planned_for = LocalTimeField(
        label="Date and time",
        required=False,
        help_text="In your own time zone.",
        error_messages={"invalid": "Please enter a date and a time."},
    )

    def __init__(self, *args, zone_name: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            value = cleaned.get("planned_for")
            if value is None:
                if "planned_for" not in self.errors:
                    self.add_error("planned_for", "Please choose a date and time.")
                return cleaned
            try:
                cleaned["planned_for"] = _check_future(_in_zone(value, self.zone_name))
            except forms.ValidationError as error:
                self.add_error("planned_for", error)
        else:
            cleaned["planned_for"] = None
        return cleaned


class SuggestTimeForm(forms.Form):
    planned_for = LocalTimeField(
        label="Another time that would suit you",
        help_text="In your own time zone.",
        error_messages={
            "required": "Please choose a date and time.",
            "invalid": "Please enter a date and a time.",
        },
    )

    def __init__(self, *args, zone_name: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name

    def clean_planned_for(self):
        return _check_future(_in_zone(self.cleaned_data["planned_for"], self.zone_name))


class ReflectionForm(forms.Form):
    safety = forms.TypedChoiceField(
        label="How safe did you feel?",
        coerce=int,
        choices=[
            (1, "1 — not safe"),
            (2, "2"),
            (3, "3 — somewhat safe"),
            (4, "4"),
            (5, "5 — completely safe"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a number from 1 to 5."},
    )
    noticed = forms.CharField(
        label="What did you notice?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In your body, your feelings, between you. A few words are plenty.",
    )
    share = forms.BooleanField(
        label="Share this with my partner",
        required=False,
        help_text="Private unless you tick this. You can change it later.",
    )


class LetterDraftForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = Letter.SECTIONS
        labels = {
            "what_i_did": "What I did",
            "how_it_hurt": "How I understand it hurt you",
            "doing_now": "What I am doing now to make things safe",
            "will_keep_doing": "What I will keep doing",
        }
        help_texts = {
            "what_i_did": "Plainly, with “I” sentences, including the secrecy. No reasons or context.",
            "how_it_hurt": "What your partner has told you this did to them, not what is easiest to hear.",
            "doing_now": "The concrete changes you have already made.",
            "will_keep_doing": "What you will go on doing, for as long as it takes, expecting nothing back.",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in Letter.SECTIONS}

    def __init__(self, *args, require_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = require_all
            # Setting max_length after the field is built adds no validator: add it too.
            field.max_length = 20000
            field.validators.append(MaxLengthValidator(20000))
            field.error_messages["required"] = (
                "Please write something here before sending."
            )


class LetterResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label="How does this letter land with you?",
        choices=[
            (LetterResponse.Kind.HEARD, "I feel heard"),
            (LetterResponse.Kind.NOT_YET, "Not yet"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one of the answers."},
    )
    # Never required: "not yet" is a whole answer, and the reader owes no explanation.
    missing = forms.CharField(
        label="Anything you'd like to add (optional)",
        required=False,
        help_text="Only if you want to: what's missing for you, or anything else. "
        "Your partner will see it.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please write your question first."},
    )


class BringUpForm(forms.Form):
    wants = forms.ChoiceField(
        label="What would you like to hear?",
        choices=Question.Wants.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the detail or what it meant."},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Please write your answer first."},
    )
