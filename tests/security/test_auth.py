"""R7–R12: signing in, second factors, and how long a session lives."""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import password_validation
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD
from tests.e2e.helpers import last_link_to

LOGIN = "/accounts/login/"


def attempt(client, email, password, ip):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# R7 ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_r7_the_eleventh_failure_is_refused_before_hashing(alice, hasher_calls):
    client = Client()
    for _ in range(10):
        assert (
            attempt(client, alice.email, "wrong guess", "10.0.0.1").status_code == 200
        )
    assert len(hasher_calls) == 10
    hasher_calls.clear()
    response = attempt(client, alice.email, "wrong guess", "10.0.0.1")
    assert response.status_code == 429
    assert hasher_calls == []
    # Even the right password waits out the back-off from that address.
    assert attempt(client, alice.email, PASSWORD, "10.0.0.1").status_code == 429
    assert hasher_calls == []


@pytest.mark.django_db
def test_r7_a_guesser_elsewhere_does_not_lock_the_real_person_out(alice):
    guesser = Client()
    for _ in range(11):
        attempt(guesser, alice.email, "wrong guess", "203.0.113.9")
    alice_client = Client()
    response = attempt(alice_client, alice.email, PASSWORD, "10.0.0.2")
    assert response.status_code == 302
    assert signed_in(alice_client)


@pytest.mark.django_db
def test_r7_no_account_takes_more_than_100_failures_without_a_lock(alice, hasher_calls):
    client = Client()
    failures = 0
    for address in range(20):
        for _ in range(10):
            response = attempt(client, alice.email, "wrong", f"198.51.100.{address}")
            if response.status_code == 429:
                break
            failures += 1
    assert failures == 100
    hasher_calls.clear()
    assert attempt(client, alice.email, PASSWORD, "192.0.2.77").status_code == 429
    assert hasher_calls == []
    # The lock is the documented back-off: an hour later the person can sign in again.
    with time_machine.travel(datetime.timedelta(hours=1, minutes=1)):
        assert attempt(Client(), alice.email, PASSWORD, "192.0.2.77").status_code == 302


# R8 ------------------------------------------------------------------------------------------


def test_r8_password_policy():
    with pytest.raises(password_validation.ValidationError):
        password_validation.validate_password("eleven char")
    password_validation.validate_password("horse battery staple " * 4)  # 84 characters
    password_validation.validate_password("pasted\tpassword with  spaces ✓ 🙂")
    common = next(
        p
        for p in password_validation.CommonPasswordValidator().passwords
        if len(p) >= 12 and not p.isdigit()
    )
    with pytest.raises(password_validation.ValidationError):
        password_validation.validate_password(common)


# R9 ------------------------------------------------------------------------------------------


@pytest.fixture
def totp_secret(alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    return secret


def current_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
def test_r9_with_mfa_a_password_alone_creates_no_session(alice, totp_secret):
    client = Client()
    response = attempt(client, alice.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get("/journal/").status_code == 302
    response = client.post(
        reverse("mfa_authenticate"), {"code": current_code(totp_secret)}
    )
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_r9_a_totp_code_cannot_be_used_twice(alice, totp_secret):
    code = current_code(totp_secret)
    first = Client()
    attempt(first, alice.email, PASSWORD, "10.0.0.1")
    first.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(first)
    second = Client()
    attempt(second, alice.email, PASSWORD, "10.0.0.2")
    response = second.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert not signed_in(second)


@pytest.mark.django_db
def test_r9_a_password_reset_still_asks_for_the_second_factor(alice, totp_secret):
    client = Client()
    client.post(reverse("account_reset_password"), {"email": alice.email})
    link = last_link_to(alice.email, "/accounts/password/reset/key/")
    response = client.get(link[link.index("/accounts/") :], follow=True)
    new_password = "a brand new and long passphrase"
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert not signed_in(client)
    response = attempt(client, alice.email, new_password, "10.0.0.1")
    assert response.url == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert mail.outbox


# R10 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_r10_the_session_id_changes_at_login_and_dies_at_logout(alice):
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    attempt(client, alice.email, PASSWORD, "10.0.0.1")
    after = client.session.session_key
    assert after != before
    old_cookie = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    response = replay.get("/journal/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


# R11 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_r11_half_an_hour_without_activity_ends_the_session(alice):
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        client = Client()
        client.force_login(alice)
        assert client.get("/journal/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get("/journal/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get("/journal/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
        assert client.get("/journal/").status_code == 302


@pytest.mark.django_db
def test_r11_background_polling_does_not_keep_a_session_alive(alice):
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        client = Client()
        client.force_login(alice)
        client.get("/journal/")
        for _ in range(31):
            traveller.shift(datetime.timedelta(minutes=1))
            client.get(reverse("prompts:badge"), headers={"HX-Request": "true"})
        assert client.get("/journal/").status_code == 302


@pytest.mark.django_db
def test_r11_twelve_hours_after_sign_in_the_session_ends_however_active(alice):
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        client = Client()
        client.force_login(alice)
        for _ in range(12 * 3):
            assert client.get("/journal/").status_code == 200
            traveller.shift(datetime.timedelta(minutes=20))
        traveller.shift(
            datetime.timedelta(minutes=1)
        )  # now 12 h 01 min after signing in
        response = client.get("/journal/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


# R12 -----------------------------------------------------------------------------------------


def two_devices(user) -> tuple[Client, Client]:
    a, b = Client(), Client()
    for client, ip in ((a, "10.0.0.1"), (b, "10.0.0.2")):
        attempt(client, user.email, PASSWORD, ip)
        assert signed_in(client)
    return a, b


@pytest.mark.django_db
def test_r12_a_password_change_signs_out_the_other_devices(alice):
    a, b = two_devices(alice)
    new_password = "another calm and quiet lake"
    response = a.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert a.get("/journal/").status_code == 200
    response = b.get("/journal/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


@pytest.mark.django_db
def test_r12_end_all_other_sessions(alice):
    a, b = two_devices(alice)
    response = a.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert a.get("/journal/").status_code == 200
    assert b.get("/journal/").status_code == 302


@pytest.mark.django_db
def test_r12_safety_reset_ends_every_other_session(alice, couple):
    a, b = two_devices(alice)
    response = a.post(reverse("privacy:safety_reset"), {"confirm": "on"})
    assert response.status_code == 302
    assert a.get("/journal/").status_code == 200
    assert b.get("/journal/").status_code == 302
