"""R35, R36 and R39: staff sign in like everyone else, can't take over a person, and sign-in limits
key on the person's address behind the proxy."""

import subprocess
import sys

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import StaffChange
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.staff import sign_in_staff

from .discreet_mail import assert_discreet
from .production import BASE_DIR, production_env
from .test_auth import current_code, signed_in

LOGIN = "/accounts/login/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, display_name="Sam Staff")


# R35 -----------------------------------------------------------------------------------------


def test_r35_the_admin_login_page_checks_no_password_and_sends_people_to_sign_in(
    staff, hasher_calls
):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not signed_in(client)
    assert hasher_calls == []
    assert client.get("/admin/").status_code == 302


def test_r35_staff_signed_in_with_a_password_alone_get_no_admin(staff):
    client = Client()
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    assert signed_in(client)
    assert client.get("/admin/").status_code == 302
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403
    assert "Two-step sign-in needed" in response.text
    assert client.get("/admin/accounts/user/").status_code == 302


def test_r35_staff_with_a_second_step_reach_the_admin(staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    client = Client()
    response = client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_r35_people_who_are_not_staff_are_refused(alice):
    client = Client()
    client.force_login(alice)
    assert client.get("/admin/login/").status_code == 403
    assert client.get("/admin/").status_code == 302


def test_r35_staff_sign_in_has_the_same_rate_limit(staff):
    client = Client()
    statuses = [
        client.post(
            LOGIN, {"login": staff.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        ).status_code
        for _ in range(15)
    ]
    assert 429 in statuses


# R36 -----------------------------------------------------------------------------------------


def test_r36_staff_cannot_set_a_password_or_an_email_address(staff, alice):
    admin = sign_in_staff(Client(), staff)
    change = reverse("admin:accounts_user_change", args=[alice.pk])
    page = admin.get(change)
    assert page.status_code == 200
    assert 'name="email"' not in page.text
    assert 'name="password' not in page.text
    assert "password/" not in page.text
    password_page = reverse("admin:auth_user_password_change", args=[alice.pk])
    assert admin.get(password_page).status_code == 403
    assert (
        admin.post(
            password_page, {"password1": "Taken-over-9", "password2": "Taken-over-9"}
        ).status_code
        == 403
    )
    admin.post(
        change,
        {
            "email": "staff-owned@example.com",
            "display_name": alice.display_name,
            "timezone": alice.timezone,
            "is_active": "on",
        },
    )
    alice.refresh_from_db()
    assert alice.email != "staff-owned@example.com"
    assert alice.check_password(PASSWORD)


def test_r36_every_staff_change_is_recorded_and_told_to_the_person(
    staff, alice, bob, couple
):
    admin = sign_in_staff(Client(), staff)
    mail.outbox.clear()
    response = admin.post(
        reverse("admin:accounts_user_change", args=[alice.pk]),
        {
            "display_name": "Al",
            "timezone": alice.timezone,
            "is_active": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    change = StaffChange.objects.get(person_id=alice.pk)
    assert change.staff_name == "Sam Staff"
    assert "staff status" in change.what
    assert "Al" not in change.what.split(", ")  # labels, never the values
    [message] = mail.outbox
    assert message.to == [alice.email]
    assert "staff status" in message.body
    assert_discreet(message, names=[alice.display_name, "Sam Staff", "Al"])
    # On the person's own page; never on anyone else's.
    alice.refresh_from_db()
    own = Client()
    own.force_login(alice)
    assert "staff status" in own.get(reverse("privacy:settings")).text
    assert "staff status" in own.get(reverse("couples:care_log")).text
    assert "staff status" not in signed_in_as(bob).get(reverse("couples:care_log")).text
    other = Client()
    other.force_login(UserFactory())
    assert "staff status" not in other.get(reverse("privacy:settings")).text


def test_r36_saving_without_a_change_records_nothing(staff, alice):
    admin = sign_in_staff(Client(), staff)
    admin.post(
        reverse("admin:accounts_user_change", args=[alice.pk]),
        {
            "display_name": alice.display_name,
            "timezone": alice.timezone,
            "is_active": "on",
        },
    )
    assert not StaffChange.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)
def test_r36_the_record_of_staff_changes_cannot_be_edited_or_removed(staff, alice):
    change = StaffChange.objects.create(
        person_id=alice.pk, staff_id=staff.pk, staff_name="Sam", what="active"
    )
    for attempt in (
        lambda: StaffChange.objects.filter(pk=change.pk).update(what="nothing"),
        lambda: StaffChange.objects.filter(pk=change.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()


# R39 -----------------------------------------------------------------------------------------

PROXY = "10.9.9.9"


def sign_in_through_proxy(email, password, client_ip):
    return Client().post(
        LOGIN,
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_r39_many_people_behind_one_proxy_are_not_limited_together(settings, alice):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = [
        sign_in_through_proxy(alice.email, PASSWORD, f"203.0.113.{n}").status_code
        for n in range(1, 36)
    ]
    assert 429 not in statuses
    # The limit itself still holds for one address.
    statuses = [
        sign_in_through_proxy(alice.email, PASSWORD, "198.51.100.7").status_code
        for _ in range(35)
    ]
    assert 429 in statuses


def test_r39_failures_from_one_address_do_not_lock_the_account_for_others(
    settings, alice
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(10):
        sign_in_through_proxy(alice.email, "wrong", "203.0.113.66")
    assert (
        sign_in_through_proxy(alice.email, "wrong", "203.0.113.66").status_code == 429
    )
    assert sign_in_through_proxy(alice.email, PASSWORD, "192.0.2.10").status_code == 302


@pytest.mark.parametrize(
    ("environment", "count"),
    [({}, 0), ({"BEHIND_PROXY": "true"}, 1), ({"TRUSTED_PROXY_COUNT": "2"}, 2)],
)
def test_r39_the_trusted_proxy_count_comes_from_the_environment(environment, count):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=production_env(DJANGO_SETTINGS_MODULE="config.settings", **environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == str(count)


def signed_in_as(person) -> Client:
    client = Client()
    client.force_login(person)
    return client
