"""Every email allauth can send a Mend user is Mend's own: a plain subject, our words, nothing
about what Mend is for, and each link on a line of its own, so it works copied from a terminal."""

import re

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.core import mail

from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.test_mend_voice import (
    ALLAUTH_TEMPLATES,
    MEND_TEMPLATES,
    recently_signed_in,
)
from tests.security.discreet_mail import FORBIDDEN, URL

pytestmark = pytest.mark.django_db

# Every subject allauth may send, written out by hand: plain, and nothing about what Mend is for.
SUBJECTS = {
    "Confirm your email address",
    "Reset your password",
    "You already have an account",
    "Your sign-in code",
    "Your password was changed",
    "A password was set for your account",
    "Your password was reset",
    "Your email address was changed",
    "Your email address was confirmed",
    "An email address was removed from your account",
    "Two-step sign-in was turned on",
    "An authenticator app was removed",
    "New recovery codes were made",
    "A passkey or security key was added",
    "A passkey or security key was removed",
}
# Sentences from allauth's own emails.
STOCK_MAIL_COPY = [
    "receiving this",
    "Thank you for using",
    "safely ignored",
    "security precautions",
    "has been",
    "user account",
    "Please Confirm",
    "In case you forgot",
    "example.com!",
    "Hello from",
]
NOTIFICATIONS = [
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/password_reset",
    "account/email/email_changed",
    "account/email/email_confirm",
    "account/email/email_deleted",
    "mfa/email/totp_activated",
    "mfa/email/totp_deactivated",
    "mfa/email/recovery_codes_generated",
    "mfa/email/webauthn_added",
    "mfa/email/webauthn_removed",
]
SIGNUP = {
    "display_name": "Robin",
    "password1": "a long and gentle passphrase",
    "password2": "a long and gentle passphrase",
    "timezone": "UTC",
}


def assert_mends_mail(message) -> None:
    assert message.subject in SUBJECTS, message.subject
    text = f"{message.subject}\n{message.body}"
    assert [stock for stock in STOCK_MAIL_COPY if stock in text] == []
    words = URL.sub(" ", text)
    for word in FORBIDDEN:
        assert not re.search(rf"\b{re.escape(word)}", words, re.IGNORECASE), word
    lines = message.body.splitlines()
    for link in URL.findall(message.body):
        assert link in lines, f"{link} is not on a line of its own"


def test_every_allauth_email_is_mends_own():
    for app in ("account", "mfa"):
        for stock in (ALLAUTH_TEMPLATES / app / "email").glob("*.txt"):
            name = stock.relative_to(ALLAUTH_TEMPLATES)
            assert (MEND_TEMPLATES / name).exists(), f"{name} needs Mend's own version"


def test_signing_up_sends_mends_mail_new_address_or_not(client, alice):
    client.post("/accounts/signup/", {**SIGNUP, "email": "robin@example.com"})
    client.post("/accounts/signup/", {**SIGNUP, "email": alice.email})

    confirm, already = mail.outbox
    assert already.subject == "You already have an account"
    for message in (confirm, already):
        assert_mends_mail(message)


def test_asking_for_a_new_password_sends_mends_mail_known_address_or_not(client, alice):
    client.post("/accounts/password/reset/", {"email": alice.email})
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    reset, unknown = mail.outbox
    assert "/accounts/password/reset/key/" in reset.body
    assert "/accounts/signup/" in unknown.body
    for message in (reset, unknown):
        assert_mends_mail(message)


def test_adding_an_address_sends_mends_confirmation(client):
    recently_signed_in(client, UserFactory())
    client.post("/accounts/email/", {"action_add": "", "email": "second@example.com"})

    (message,) = mail.outbox
    assert_mends_mail(message)


def test_changing_the_password_tells_the_person_in_mends_words(client):
    recently_signed_in(client, UserFactory())
    new = "another calm and quiet river"
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )

    (message,) = mail.outbox
    assert message.subject == "Your password was changed"
    assert_mends_mail(message)


@pytest.mark.parametrize("template", NOTIFICATIONS)
def test_each_account_notice_is_in_mends_words(rf, template):
    user = UserFactory()
    with request_context(rf.get("/", HTTP_USER_AGENT="Firefox")):
        get_adapter().send_notification_mail(
            template,
            user,
            {
                "from_email": "old@example.com",
                "to_email": "new@example.com",
                "deleted_email": "old@example.com",
            },
        )

    (message,) = mail.outbox
    assert_mends_mail(message)
    assert (
        "Firefox" in message.body
    )  # where the change came from, for the person to judge
