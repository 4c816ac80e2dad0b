"""Mend's sign-in form: allauth's, with Mend's page carrying the words.

Its own module, like accounts/signup.py: accounts/forms.py is imported by allauth's forms
(ACCOUNT_SIGNUP_FORM_CLASS), so it cannot import them back.
"""

from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The page has its own "Forgotten your password?" link, and labels say what a field is.
        self.fields["password"].help_text = ""
        self.label_suffix = ""
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
