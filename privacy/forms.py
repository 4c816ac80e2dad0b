from django import forms

from . import crisis


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That isn't your current password.")
        return password


class SafetyResetForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, sign out my other devices, stop therapist access and stop reminder emails.",
    )


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label="Your country",
        required=False,
        help_text="The Safety page shows emergency numbers and helplines for this country.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", "Not set"),
            *crisis.country_choices(),
        ]


class CountryLookupForm(forms.Form):
    """The Safety page's chooser: anyone, signed in or not, can look up another country."""

    country = forms.ChoiceField(label="Show help for", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", "Choose a country"),
            *crisis.country_choices(),
        ]
