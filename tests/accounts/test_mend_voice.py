"""Every account page a person can reach is Mend's own: our layout and words, never allauth's stock
copy (the emails are in test_mend_voice_emails.py)."""

from pathlib import Path

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import RequestFactory
from pytest_django.asserts import assertContains

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MEND_TEMPLATES = Path(settings.BASE_DIR) / "templates"
ALLAUTH_TEMPLATES = Path(account_settings.__file__).parent.parent / "templates"

# Words from allauth's own pages. Title case is theirs: Mend writes "Sign in", "Change your password".
STOCK_PAGE_COPY = [
    "Remember Me",
    "Forgot Password?",
    "Sign In",
    "Sign Out",
    "Change Password",
    "Current Password",
    "New Password",
    "Confirm Access",
    "Please reauthenticate",
    "Alternative options",
    "Email Addresses",
    "Make Primary",
    "Re-send Verification",
    "Add Email",
    "Account Inactive",
    "Security Key",
    "Recovery Codes",
    "Authenticator App",
    "Deactivate",
    "Are you sure",
    "This functionality requires JavaScript",
    "Started At",
    "Use authenticator app or code",
    'placeholder="',
]

# Each reachable page: (path, who is looking, its heading). {key} is a passkey's id.
PAGES = [
    ("/accounts/login/", "anyone", "Sign in"),
    ("/accounts/signup/", "anyone", "Create your account"),
    ("/accounts/inactive/", "anyone", "This account is switched off"),
    ("/accounts/password/reset/", "anyone", "Reset your password"),
    ("/accounts/password/reset/done/", "anyone", "Check your email"),
    ("/accounts/password/reset/key/done/", "anyone", "Your new password is saved"),
    ("/accounts/confirm-email/no-such-key/", "anyone", "Confirm your email address"),
    ("/accounts/2fa/authenticate/", "halfway", "One more step"),
    ("/accounts/logout/", "member", "Sign out?"),
    ("/accounts/password/change/", "member", "Change your password"),
    ("/accounts/password/set/", "passwordless", "Choose a password"),
    ("/accounts/email/", "member", "Your email address"),
    ("/accounts/sessions/", "member", "Signed-in devices"),
    ("/accounts/reauthenticate/", "a while ago", "Confirm it's you"),
    ("/accounts/2fa/reauthenticate/", "two-step, a while ago", "Confirm it's you"),
    ("/accounts/2fa/", "member", "Two-step sign-in"),
    ("/accounts/2fa/totp/activate/", "member", "Set up an authenticator app"),
    ("/accounts/2fa/totp/deactivate/", "two-step", "Turn off the authenticator app?"),
    ("/accounts/2fa/recovery-codes/", "two-step", "Your recovery codes"),
    ("/accounts/2fa/recovery-codes/generate/", "two-step", "Make new recovery codes?"),
    ("/accounts/2fa/webauthn/", "with a key", "Passkeys and security keys"),
    ("/accounts/2fa/webauthn/add/", "member", "Add a passkey or security key"),
    ("/accounts/2fa/webauthn/keys/{key}/edit/", "with a key", "Rename this key"),
    ("/accounts/2fa/webauthn/keys/{key}/remove/", "with a key", "Remove this key?"),
]


def no_phones() -> bool:
    return "phone" not in account_settings.SIGNUP_FIELDS


# allauth's pages that Mend leaves alone, each with why nobody can reach it. The reason is checked,
# so turning a feature on makes this test ask for Mend's own page.
NEVER_SHOWN = {
    "account/base_entrance.html": lambda: True,  # layouts of allauth's own pages only
    "account/base_manage.html": lambda: True,
    "account/base_manage_email.html": lambda: True,
    "account/base_manage_password.html": lambda: True,
    "account/base_manage_phone.html": lambda: True,
    "account/base_confirm_code.html": lambda: True,
    "account/snippets/already_logged_in.html": lambda: True,
    "account/snippets/warn_no_email.html": lambda: True,
    "mfa/base_entrance.html": lambda: True,
    "mfa/base_manage.html": lambda: True,
    "mfa/totp/base.html": lambda: True,
    "mfa/recovery_codes/base.html": lambda: True,
    "mfa/webauthn/base.html": lambda: True,
    "usersessions/base_manage.html": lambda: True,
    "mfa/recovery_codes/download.txt": lambda: True,  # the codes alone, no words
    "account/email_change.html": lambda: not account_settings.CHANGE_EMAIL,
    "account/request_login_code.html": lambda: (
        not account_settings.LOGIN_BY_CODE_ENABLED
    ),
    "account/confirm_login_code.html": lambda: (
        not account_settings.LOGIN_BY_CODE_ENABLED
    ),
    "account/confirm_email_verification_code.html": (
        lambda: not account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
    ),
    "account/confirm_password_reset_code.html": (
        lambda: not account_settings.PASSWORD_RESET_BY_CODE_ENABLED
    ),
    "account/phone_change.html": no_phones,
    "account/confirm_phone_verification_code.html": no_phones,
    "account/messages/phone_verified.txt": no_phones,
    "account/messages/phone_verification_sent.txt": no_phones,
    # Sign-in needs a confirmed address, so nobody signed in is ever unconfirmed.
    "account/verified_email_required.html": (
        lambda: account_settings.EMAIL_VERIFICATION == "mandatory"
    ),
    "account/signup_by_passkey.html": lambda: not mfa_settings.PASSKEY_SIGNUP_ENABLED,
    "mfa/webauthn/signup_form.html": lambda: not mfa_settings.PASSKEY_SIGNUP_ENABLED,
    "mfa/webauthn/snippets/login_script.html": (
        lambda: not mfa_settings.PASSKEY_LOGIN_ENABLED
    ),
    "mfa/trust.html": lambda: not mfa_settings.TRUST_ENABLED,
}


def recently_signed_in(client, user) -> None:
    """Signed in with a password a moment ago, as allauth's two-step pages require."""
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, method="password", reauthenticated=True)
    session.save()


def a_key(user) -> Authenticator:
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Blue key", "credential": {}},
    )


def arrive(client, who: str) -> dict:
    """Puts the client in the state the page is for; returns what its path needs."""
    if who == "anyone":
        return {}
    user = UserFactory()
    if who == "passwordless":
        user.set_unusable_password()
        user.save()
    if who.startswith("two-step"):
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
    if who == "halfway":
        TOTP.activate(user, generate_totp_secret())
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        return {}
    if who.endswith("a while ago"):
        client.force_login(user)  # no record of a recent sign-in: asked to confirm
        return {}
    recently_signed_in(client, user)
    return {"key": a_key(user).pk} if who == "with a key" else {}


@pytest.mark.parametrize(("path", "who", "heading"), PAGES)
def test_each_account_page_a_person_can_reach_is_mends_own(client, path, who, heading):
    response = client.get(path.format(**arrive(client, who)))

    assert response.status_code == 200
    page = Path(response.templates[0].origin.name)
    assert page.is_relative_to(MEND_TEMPLATES), f"allauth's own {page}"
    assertContains(response, f">{heading}</h1>")
    assertContains(response, 'class="quick-exit"')  # Mend's layout, safety controls too
    html = response.content.decode()
    assert [stock for stock in STOCK_PAGE_COPY if stock in html] == []


def test_every_allauth_template_is_mends_or_never_shown():
    for app in ("account", "mfa", "usersessions"):
        for stock in (ALLAUTH_TEMPLATES / app).rglob("*.*"):
            name = str(stock.relative_to(ALLAUTH_TEMPLATES))
            if (MEND_TEMPLATES / name).exists():
                continue
            assert name in NEVER_SHOWN, f"{name} needs Mend's own version"
            assert NEVER_SHOWN[name](), f"{name} can be shown now: write Mend's own"


def test_a_wrong_current_password_is_said_beside_its_box(client):
    recently_signed_in(client, user := UserFactory())
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not it", "password1": "x", "password2": "x"},
    )
    html = response.content.decode()
    box = html.index('id="id_oldpassword"')
    assert html.index('class="errorlist', html.index('for="id_oldpassword"')) < box
    assertContains(response, 'aria-invalid="true"')
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
