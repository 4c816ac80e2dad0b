"""Sign-in, sign-up, email verification, password reset and two-step pages speak in Mend's voice."""

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import RequestFactory
from pytest_django.asserts import assertContains, assertNotContains

from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

# Sentences allauth's own templates would show; none of them belongs on Mend's pages.
STOCK_COPY = [
    "Remember Me",
    "If you have not created an account yet",
    "Already have an account? Then please",
    "Forgot your password?",
    "finalize the signup process",
    "Please contact us",
    "Two-Factor Authentication",
    "Reset My Password",
]


def assert_mends_own(response, heading: str) -> None:
    assert response.status_code == 200
    assertContains(response, f">{heading}</h1>")
    assertContains(
        response, 'class="quick-exit"'
    )  # Mend's layout, safety controls included
    for stock in STOCK_COPY:
        assertNotContains(response, stock)


def test_the_sign_in_page_is_mends_with_no_remember_me_box(client):
    response = client.get("/accounts/login/")
    assert_mends_own(response, "Sign in")
    assert "remember" not in response.context["form"].fields
    assertNotContains(response, 'placeholder="')  # the labels say what each field is
    assertContains(response, 'href="/accounts/password/reset/"')
    assertContains(response, "Create an account")


def test_signing_in_still_works_and_ends_with_the_browser(client, alice):
    response = client.post(
        "/accounts/login/", {"login": alice.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()


def test_a_wrong_password_is_said_on_mends_page(client, alice):
    response = client.post(
        "/accounts/login/", {"login": alice.email, "password": "not the one"}
    )
    assert response.status_code == 200
    assertContains(response, 'class="form-errors"')
    assertNotContains(response, "Remember Me")


def test_the_sign_up_page_is_mends(client):
    response = client.get("/accounts/signup/")
    assert_mends_own(response, "Create your account")
    assertContains(response, "Your first name or a nickname")
    assertContains(response, "stays private to you")
    assertNotContains(response, 'placeholder="')


def test_the_sign_up_page_keeps_where_the_person_was_going(client):
    response = client.get("/accounts/signup/?next=/join/abc/")
    assertContains(response, 'name="next" value="/join/abc/"')


def test_the_check_your_email_page_is_mends(client):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Robin",
            "email": "robin@example.com",
            "password1": "a long and gentle passphrase",
            "password2": "a long and gentle passphrase",
            "timezone": "UTC",
        },
    )
    assert_mends_own(client.get("/accounts/confirm-email/"), "Check your email")


def test_the_confirm_page_is_mends_and_an_old_link_says_what_to_do(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")
    assert_mends_own(response, "Confirm your email address")
    assertContains(response, "expired or has already been used")


def test_the_password_reset_pages_are_mends(client, alice):
    assert_mends_own(client.get("/accounts/password/reset/"), "Reset your password")
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert_mends_own(client.get(response.url), "Check your email")

    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/" in line
    )
    response = client.get(link[link.index("/accounts/") :], follow=True)
    assert_mends_own(response, "Choose a new password")


def test_an_old_password_link_says_so_kindly(client):
    response = client.get("/accounts/password/reset/key/1-not-a-key/", follow=True)
    assert_mends_own(response, "This link can't be used")


def test_the_two_step_page_is_mends(client, alice):
    TOTP.activate(alice, generate_totp_secret())
    response = client.post(
        "/accounts/login/", {"login": alice.email, "password": PASSWORD}
    )
    assert response.url == "/accounts/2fa/authenticate/"
    response = client.get(response.url)
    assert_mends_own(response, "One more step")
    assertContains(response, "Cancel and sign out")


def signed_in_just_now(client, user):
    """Signed in with a password a moment ago, as allauth's pages for the second step require."""
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, method="password", reauthenticated=True)
    session.save()


def test_the_two_step_settings_page_is_mends(client, alice):
    signed_in_just_now(client, alice)
    response = client.get("/accounts/2fa/")
    assert_mends_own(response, "Two-step sign-in")
    assertContains(response, "Set up an authenticator app")
    assertNotContains(response, "Authenticator App")


def test_setting_up_an_authenticator_app_is_mends(client, alice):
    signed_in_just_now(client, alice)
    response = client.get("/accounts/2fa/totp/activate/")
    assert_mends_own(response, "Set up an authenticator app")
    assertContains(response, 'src="data:image/svg+xml')
    assertNotContains(response, "Activate Authenticator App")
