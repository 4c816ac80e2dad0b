import calendar

from django import forms

from .hard_dates import DAYS_BEFORE_CHOICES, MONTHS
from .models import MAX_CARD_CHARS, MAX_LABEL_CHARS, MAX_NOTE_CHARS


class CardForm(forms.Form):
    helps = forms.CharField(
        label="What helps me when I'm flooded",
        help_text='For example: "sit with me without talking", "tell me where you were today", '
        '"give me space for an hour".',
        required=False,
        max_length=MAX_CARD_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    does_not_help = forms.CharField(
        label="What doesn't help",
        help_text='For example: "explaining", "asking me to calm down", "going over what happened".',
        required=False,
        max_length=MAX_CARD_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    send_to_partner = forms.BooleanField(
        label="When I tap “I'm flooded”, also send my partner this card",
        help_text="Only the card goes: never a reason, never what set it off.",
        required=False,
    )
    keep_history = forms.BooleanField(
        label="Keep a private list of when I tapped, just for me",
        help_text="Off unless you turn it on. Turning it off again lets the list go.",
        required=False,
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label="What you'd like to tell",
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write a few words first, or simply leave it."},
    )
    corrects = forms.UUIDField(required=False, widget=forms.HiddenInput)


class HardDateForm(forms.Form):
    label = forms.CharField(
        label="What this date is, in your words",
        help_text="Only you will ever see this.",
        max_length=MAX_LABEL_CHARS,
        error_messages={"required": "A word or two is enough, just for you."},
    )
    day = forms.TypedChoiceField(
        label="Day",
        choices=[("", "Day")] + [(n, str(n)) for n in range(1, 32)],
        coerce=int,
        error_messages={"required": "Please choose the day."},
    )
    month = forms.TypedChoiceField(
        label="Month",
        choices=[("", "Month")] + list(enumerate(MONTHS, start=1)),
        coerce=int,
        error_messages={"required": "Please choose the month."},
    )
    heads_up = forms.BooleanField(
        label="Give my partner a gentle heads-up before it",
        help_text="They'd hear only that a hard date is coming, never what it is. "
        "They may be able to guess the day from when the heads-up arrives.",
        required=False,
    )
    days_before = forms.TypedChoiceField(
        label="If you give a heads-up: how long before",
        choices=DAYS_BEFORE_CHOICES,
        coerce=int,
        initial=3,
    )

    def clean(self):
        cleaned = super().clean()
        day, month = cleaned.get("day"), cleaned.get("month")
        if day and month and day > calendar.monthrange(2000, month)[1]:  # a leap year
            days = calendar.monthrange(2000, month)[1]
            self.add_error("day", f"{MONTHS[month - 1]} has only {days} days.")
        return cleaned
