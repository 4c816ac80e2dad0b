from django import forms

from core.timezones import timezone_choices

from .models import User


def cleaned_name(value: str) -> str:
    name = value.strip()
    if not name:
        raise forms.ValidationError("Please tell us what to call you.")
    return name


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form: how to greet the person and their local time."""

    display_name = forms.CharField(
        label="Your first name or a nickname",
        max_length=60,
        help_text="This is what your partner will see.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    timezone = forms.ChoiceField(
        label="Your time zone",
        choices=timezone_choices,
        initial="UTC",
        help_text="We fill this in from your device. Gentle reminders follow your local time.",
        widget=forms.Select(attrs={"data-timezone-autofill": ""}),
    )

    field_order = ["display_name", "email", "password1", "password2", "timezone"]

    def clean_display_name(self) -> str:
        return cleaned_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["display_name", "timezone"])


class DisplayNameForm(forms.ModelForm):
    """The name a person goes by in Mend: what their partner (and a therapist they invite) sees."""

    class Meta:
        model = User
        fields = ["display_name"]
        labels = {"display_name": "Your first name or a nickname"}
        help_texts = {"display_name": "This is what your partner sees."}
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "given-name"})
        }

    def clean_display_name(self) -> str:
        return cleaned_name(self.cleaned_data["display_name"])
