from django import forms

from .models import MAX_CARD_CHARS, MAX_NOTE_CHARS


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
