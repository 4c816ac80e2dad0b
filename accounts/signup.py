"""Sign-up that does the same work whether or not the address already has an account (R37)."""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class EqualWorkSignupForm(SignupForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels say what each field is; allauth's placeholders would repeat them in its words.
        self.label_suffix = ""
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        # One sentence instead of the validators' four (config/settings.py checks the same).
        self.fields[
            "password1"
        ].help_text = "At least 12 characters. A few words that mean something only to you work well."

    def try_save(self, request):
        """A new account's password is hashed, which is most of a sign-up's time. Without the same
        hash for an address that has an account, that answer came back ten times sooner, and
        anyone timing it could tell who uses Mend. The hash is thrown away."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
