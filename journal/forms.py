from django import forms

from .models import MAX_BODY_CHARS, MAX_FEELINGS_CHARS, MAX_MESSAGE_CHARS, Mood
from .responses import (
    ALL_SETS,
    RESPONSE_NOTES,
    ResponseTag,
    help_text_for,
    offered_tags,
    sets_for,
)

NUL_MESSAGE = (
    "This had an invisible “null” character in it, usually picked up when copying from another "
    "app, and it can't be stored. Everything else you wrote is still here and we've taken that "
    "character out: please check it and save again."
)
MOOD_CHOICES = [("", "Leave blank"), *Mood.choices]


class _WithoutNulCharacters:
    """Takes NUL characters out of the typed text, keeps the rest, and says what happened."""

    text_fields: tuple[str, ...] = ()

    def __init__(self, data=None, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.nul_fields: list[str] = []
        if data is not None:
            data = data.copy()
            for name in self.text_fields:
                values = data.getlist(name)
                if any("\x00" in value for value in values):
                    self.nul_fields.append(name)
                    data.setlist(name, [value.replace("\x00", "") for value in values])
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for name in self.nul_fields:
            self.add_error(name, NUL_MESSAGE)
        return cleaned


class EntryForm(_WithoutNulCharacters, forms.Form):
    text_fields = ("body", "feelings")

    written_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Please choose a date for this entry.",
            "invalid": "Please enter the date as day, month and year.",
        },
    )
    body = forms.CharField(
        label="What's on your mind",
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
        help_text="Write as much or as little as you like. Blank lines start a new paragraph; *stars* give emphasis.",
        error_messages={
            "required": "There's nothing written yet. A few words are enough, then save again.",
            "max_length": "This is longer than one entry can hold (%(limit_value)s characters; this has %(show_value)s). You could split it across two entries.",
        },
    )
    feelings = forms.CharField(
        label="Feeling words (optional)",
        max_length=MAX_FEELINGS_CHARS,
        required=False,
        help_text="A few words, if they help: hurt, lonely, a little hopeful…",
    )
    mood = forms.ChoiceField(
        label="Mood (optional)", choices=MOOD_CHOICES, required=False
    )
    # Every known response is accepted, so a word chosen before is never refused or lost; the
    # page offers the person's own (tag_groups).
    tags = forms.MultipleChoiceField(
        label="Anything you noticed in yourself? (optional)",
        choices=ResponseTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The writing's key (the entry's code on a new entry) and where autosave has got to.
    draft = forms.UUIDField(widget=forms.HiddenInput)
    revision = forms.IntegerField(min_value=0, initial=0, widget=forms.HiddenInput)
    window = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, role: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        self.fields["tags"].help_text = help_text_for(role)

    def tag_groups(self) -> list[tuple[str, list]]:
        """The responses offered to this person's role, each checkbox with its normalising note
        (shown when ticked), in groups headed by their side when there is more than one. A word
        ticked before that isn't offered now still shows, ticked, so saving never drops it."""
        offered = {tag for s in sets_for(self.role) for tag in s.tags}
        options = {option.data["value"]: option for option in self["tags"]}
        groups = []
        for response_set in ALL_SETS:
            shown = [
                (options[tag], RESPONSE_NOTES[tag])
                for tag in response_set.tags
                if tag in offered or options[tag].data["selected"]
            ]
            if shown:
                groups.append((response_set.heading, shown))
        if len(groups) == 1:
            return [("", groups[0][1])]
        return groups

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "written_on": data["written_on"],
            "body": data["body"],
            "feelings": data["feelings"],
            "mood": data["mood"],
            "tags": data["tags"],
        }


class DraftForm(EntryForm):
    """The same fields as an entry, but nothing is required and a bad date or choice is dropped."""

    lenient_fields = {"written_on", "mood", "tags"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("written_on", "body"):
            self.fields[name].required = False

    def usable(self) -> bool:
        return self.is_valid() or not (set(self.errors) - self.lenient_fields)

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "written_on": data.get("written_on"),
            "body": data.get("body", ""),
            "feelings": data.get("feelings", ""),
            "mood": data.get("mood", ""),
            "tags": data.get("tags", []),
        }


class FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    q = forms.CharField(label="Words in the entry", required=False, max_length=200)
    tag = forms.ChoiceField(
        label="Something you noticed",
        choices=[("", "Any"), *ResponseTag.choices],
        required=False,
    )

    def offer_tags_for(self, role: str | None) -> None:
        """Lists the words offered to this role (and the one being searched for, if another)."""
        wanted = self["tag"].value()
        self.fields["tag"].choices = [("", "Any")] + [
            (value, label)
            for value, label in ResponseTag.choices
            if value in offered_tags(role) or value == wanted
        ]

    mood = forms.ChoiceField(
        label="Mood", choices=[("", "Any"), *Mood.choices], required=False
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "tag": data["tag"],
            "mood": data["mood"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }

    def is_filtering(self) -> bool:
        return any(self.filters().values())


class SharingForm(forms.Form):
    with_partner = forms.BooleanField(required=False)
    with_therapist = forms.BooleanField(required=False)


class AcknowledgementForm(_WithoutNulCharacters, forms.Form):
    """Every part is optional: reading the entry is enough, and "I've read it" sends no words."""

    text_fields = ("what_i_hear", "makes_sense", "message")

    what_i_hear = forms.CharField(
        label="What I hear you saying is… (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your own words, what they wrote. No need to add anything of yours.",
    )
    makes_sense = forms.CharField(
        label="It makes sense that… (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why their feelings make sense, given what happened.",
    )
    message = forms.CharField(
        label="Anything else you'd like them to know (optional)",
        max_length=MAX_MESSAGE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A few words at most. This isn't the place to explain or defend; just let them know you've read it.",
    )

    def __init__(self, *args, reader_was_hurt: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reader_was_hurt:
            # Asking the hurt partner to explain why the other's feelings make sense would ask
            # her to look after the person who hurt her: she gets one open, optional box.
            del self.fields["what_i_hear"]
            del self.fields["makes_sense"]
            self.fields["message"].label = "Anything you'd like to say (optional)"
            self.fields["message"].help_text = ""
            self.nul_fields = [name for name in self.nul_fields if name in self.fields]
