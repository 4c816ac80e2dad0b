"""`make run` prints emails in the terminal: their links must work when copied from there."""

import io
import re

import pytest
from django.core import mail
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

from core.console_mail import EmailBackend

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Robin",
    "email": "robin@example.com",
    "password1": "a long and gentle passphrase",
    "password2": "a long and gentle passphrase",
    "timezone": "Europe/London",
}


def printed(backend_class, message) -> str:
    stream = io.StringIO()
    backend_class(stream=stream).send_messages([message])
    return stream.getvalue()


def test_the_verification_link_prints_whole_and_copyable(client):
    client.post("/accounts/signup/", SIGNUP)
    message = mail.outbox[0]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    # The link is long enough that Django's own console backend breaks it (quoted-printable).
    assert "=\n" in printed(DjangoConsoleBackend, message)

    output = printed(EmailBackend, message)

    assert "=\n" not in output
    assert link in output.splitlines()
    assert "Subject: Confirm your email address" in output
    assert "To: robin@example.com" in output


def test_an_email_with_an_html_part_prints_its_plain_text(client):
    message = mail.EmailMultiAlternatives(
        subject="Hello",
        body="Open https://example.com/" + "a" * 120 + " to continue.",
        to=["sam@example.com"],
    )
    message.attach_alternative("<p>Open the link</p>", "text/html")

    output = printed(EmailBackend, message)

    assert "https://example.com/" + "a" * 120 + " to continue." in output
    assert "<p>" not in output
