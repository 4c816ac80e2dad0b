from django import forms
from django.utils import timezone

from .models import SHARED_BY_BOTH, Role, ShareCategory, TherapistGrant


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Which describes your part in what happened?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose the one that fits best. You can talk it over first."
        },
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Your partner's email (optional)",
        required=False,
        help_text="We'll send a plain message with the link that names nobody. Or just copy the link yourself.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class PauseNoteForm(forms.Form):
    note = forms.CharField(
        label="A note for yourself (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you can read this. Your partner never sees it, and you never have to explain a pause.",
    )


class GrantForm(forms.ModelForm):
    """One partner's choices for the couple's therapist. Everything starts unticked."""

    class Meta:
        model = TherapistGrant
        fields = [
            "share_journey",
            "share_sessions",
            "share_checkins",
            "share_journal",
            "share_letter",
            "share_consent_list",
            "share_measures",
            "until",
        ]
        labels = {"until": "Until (optional)"}
        help_texts = {
            "until": "Access stops after this day. Leave it empty to keep it until either of you stops it.",
        }
        widgets = {"until": forms.DateInput(attrs={"type": "date"})}

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until and until < timezone.localdate():
            raise forms.ValidationError("Please choose today or a later day.")
        return until

    @property
    def choice_rows(self) -> list[tuple]:
        """Each checkbox, and whether it counts only when both partners tick it."""
        return [(self[f"share_{c}"], c in SHARED_BY_BOTH) for c in ShareCategory.values]

    def choices(self) -> dict[str, bool]:
        return {c: self.cleaned_data[f"share_{c}"] for c in ShareCategory.values}


class CareInviteForm(GrantForm):
    email = forms.EmailField(
        label="Your therapist's email",
        help_text="The address they use for their therapist account in Mend.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    class Meta(GrantForm.Meta):
        fields = ["email", *GrantForm.Meta.fields]


class SafetyCheckForm(forms.Form):
    """The private safety check: one optional radio question each, as couples.safety_check asks."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=question.choices,
                required=False,
                widget=forms.RadioSelect,
            )
