"""R37: sign-up, sign-in and password reset answer the same way, after the same work, for an
address with an account and one without."""

import statistics
import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, MD5PasswordHasher
from django.core import mail
from django.test import Client

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

KNOWN = "robin@example.com"
SIGNUP = {
    "display_name": "Someone",
    "password1": "a long and gentle passphrase",
    "password2": "a long and gentle passphrase",
    "timezone": "UTC",
}


@pytest.fixture
def known():
    return UserFactory(email=KNOWN)


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes made (new passwords), apart from checks of existing ones."""
    made = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        made.append(1)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return made


def answer(response) -> tuple:
    return response.status_code, response.get("Location")


def test_r37_sign_up_does_the_same_work_and_answers_the_same(known, hashes):
    # The known address twice: the second time its email is held back by allauth's limit, and
    # nothing else may be skipped with it.
    tries = [
        ("known", KNOWN),
        ("new", "nobody-yet@example.com"),
        ("known again", KNOWN),
    ]
    results = {}
    for label, email in tries:
        hashes.clear()
        response = Client().post("/accounts/signup/", SIGNUP | {"email": email})
        results[label] = (answer(response), len(hashes))
    assert results["known"] == results["new"] == results["known again"]
    assert results["new"][1] == 1, "one password hash on every path"


def test_r37_sign_in_and_reset_answer_the_same(known):
    def sign_in(email):
        return Client().post(
            "/accounts/login/", {"login": email, "password": "not the password"}
        )

    known_in, unknown_in = sign_in(KNOWN), sign_in("nobody-yet@example.com")
    assert known_in.status_code == unknown_in.status_code == 200
    assert known_in.context["form"].errors == unknown_in.context["form"].errors

    def reset(email):
        mail.outbox.clear()
        response = Client().post("/accounts/password/reset/", {"email": email})
        return answer(response), len(mail.outbox)

    assert reset(KNOWN) == reset("nobody-yet@example.com")


def test_r37_sign_up_takes_as_long_for_a_known_address(known, settings):
    """Timed with the production hasher, median of repeated tries. Loose on purpose (a busy
    machine is noisy): without the equal work the known address answered about ten times sooner."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert Argon2PasswordHasher().algorithm == "argon2"

    def timed(email):
        started = time.perf_counter()
        Client().post("/accounts/signup/", SIGNUP | {"email": email})
        return time.perf_counter() - started

    known_times, new_times = [], []
    for n in range(5):
        known_times.append(timed(KNOWN))
        new_times.append(timed(f"new-{n}@example.com"))
    ratio = statistics.median(known_times) / statistics.median(new_times)
    assert ratio > 0.5, f"known {known_times}, new {new_times}"
