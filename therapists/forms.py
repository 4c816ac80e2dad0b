from django import forms

from repair.models import Exercise

from .models import TherapistProfile


class RegisterForm(forms.ModelForm):
    name = forms.CharField(
        label="Your name, as couples know you",
        max_length=150,
        help_text="Couples see this name when they invite you and in their access log.",
    )

    class Meta:
        model = TherapistProfile
        fields = ["practice", "registration"]
        labels = {
            "practice": "Your practice",
            "registration": "Licence or registration",
        }
        help_texts = {
            "registration": "The body you're registered with and your number, so we can check it.",
        }


class NoteForm(forms.Form):
    body = forms.CharField(
        label="A private note",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only you can read your notes. The couple never sees them, and neither do we.",
        error_messages={
            "required": "Write a few words first.",
            "max_length": "This is longer than one note can hold (%(limit_value)d characters). Could you keep part of it in a second note?",
        },
    )


class SuggestionForm(forms.Form):
    exercise = forms.ModelChoiceField(
        label="Exercise",
        queryset=Exercise.objects.none(),
        to_field_name="code",
        empty_label="Choose an exercise",
        error_messages={"required": "Choose an exercise to suggest."},
    )
    for_whom = forms.ChoiceField(label="For", widget=forms.RadioSelect)
    note = forms.CharField(
        label="A note for them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="They'll see this beside the exercise on their Repair page.",
        error_messages={
            "max_length": "This note is longer than one suggestion can hold (%(limit_value)d characters). Could you shorten it a little?"
        },
    )

    def __init__(self, *args, exercises, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = exercises
        self.partners = {str(person.pk): person for person in partners}
        self.fields["for_whom"].choices = [("both", "Both of them")] + [
            (str(person.pk), f"{person.display_name} only") for person in partners
        ]
        self.fields["for_whom"].initial = "both"

    def for_user(self):
        return self.partners.get(self.cleaned_data["for_whom"])
