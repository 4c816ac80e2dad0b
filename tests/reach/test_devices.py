"""Adding and removing the devices that get notifications (reach/views.py), and their list on
the Reminders page. Each person's devices are their own."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from reach import devices
from reach.models import Device

from .push_service import Browser

pytestmark = pytest.mark.django_db

ANDROID_FIREFOX = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
FCM = "https://fcm.googleapis.com/fcm/send/"


def subscription(endpoint=FCM + "abc", browser=None) -> dict:
    browser = browser or Browser()
    return {
        "endpoint": endpoint,
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
    }


def post_subscription(client, data, **headers):
    return client.post(
        "/inbox/devices/",
        json.dumps(data),
        content_type="application/json",
        headers={"User-Agent": ANDROID_FIREFOX, **headers},
    )


def test_a_person_adds_this_browser_and_sees_it_listed(client, alice, vapid):
    client.force_login(alice)
    response = post_subscription(client, subscription())
    assert response.status_code == 201
    device = Device.objects.get()
    assert (device.user, device.label) == (alice, "Firefox on Android")
    assert json.loads(response.content) == {
        "device": str(device.code),
        "label": "Firefox on Android",
    }

    page = client.get("/inbox/reminders/")
    assertContains(page, "Firefox on Android")
    assertContains(page, f'action="/inbox/devices/{device.code}/remove/"')
    assertContains(page, 'data-key="' + vapid.public_b64 + '"')
    assertNotContains(
        page, device.endpoint
    )  # the address is a secret, even from its owner
    assertNotContains(page, device.auth)


def test_the_same_browser_again_is_the_same_device(client, alice, vapid):
    client.force_login(alice)
    post_subscription(client, subscription())
    newer = subscription()
    post_subscription(client, newer)
    device = Device.objects.get()
    assert device.p256dh == newer["keys"]["p256dh"]


def test_a_shared_computer_notifies_only_whoever_subscribed_last(
    client, alice, bob, vapid
):
    client.force_login(bob)
    post_subscription(client, subscription())
    client.force_login(alice)
    post_subscription(client, subscription())
    assert list(Device.objects.values_list("user", flat=True)) == [alice.pk]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://127.0.0.1/push",  # the operator's own machine
        "https://10.0.0.5/push",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://fcm.googleapis.com.evil.example/abc",
        "https://user:pw@fcm.googleapis.com/abc",
        "https://evilfcm.googleapis.com.example/abc",
    ],
)
def test_only_known_push_services_are_accepted(client, alice, vapid, endpoint):
    client.force_login(alice)
    assert post_subscription(client, subscription(endpoint)).status_code == 400
    assert not Device.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"endpoint": FCM + "x"},
        {"endpoint": FCM + "x", "keys": {"p256dh": "short", "auth": "AAAA"}},
        {"endpoint": FCM + "x", "keys": "nope"},
        [1, 2],
    ],
)
def test_anything_but_a_subscription_is_refused(client, alice, vapid, data):
    client.force_login(alice)
    assert post_subscription(client, data).status_code == 400


def test_a_person_keeps_at_most_ten_devices(client, alice, vapid):
    client.force_login(alice)
    for n in range(devices.MAX_DEVICES):
        assert post_subscription(client, subscription(FCM + str(n))).status_code == 201
    assert post_subscription(client, subscription(FCM + "more")).status_code == 409
    assert Device.objects.count() == devices.MAX_DEVICES


def test_adding_needs_sign_in_a_post_and_the_csrf_token(alice, vapid):
    anonymous = Client()
    response = post_subscription(anonymous, subscription())
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert post_subscription(strict, subscription()).status_code == 403
    assert strict.get("/inbox/devices/").status_code == 405
    assert not Device.objects.exists()

    strict.get("/inbox/reminders/")  # sets the CSRF cookie
    token = strict.cookies["csrftoken"].value
    response = post_subscription(strict, subscription(), **{"X-CSRFToken": token})
    assert response.status_code == 201


def test_without_push_keys_there_is_nothing_to_add(client, alice):
    client.force_login(alice)
    assert post_subscription(client, subscription()).status_code == 501
    page = client.get("/inbox/reminders/")
    assertContains(page, "aren't set up on this Mend")
    assertNotContains(page, "data-push")


def test_only_the_owner_removes_a_device(client, alice, bob, charlie, vapid):
    device = devices.add_device(
        user=alice, endpoint=FCM + "a", user_agent="", **subscription()["keys"]
    )
    for outsider in (bob, charlie):
        client.force_login(outsider)
        assert client.post(f"/inbox/devices/{device.code}/remove/").status_code == 404
    assert Device.objects.filter(pk=device.pk).exists()

    client.force_login(alice)
    assert client.get(f"/inbox/devices/{device.code}/remove/").status_code == 405
    assertRedirects(
        client.post(f"/inbox/devices/{device.code}/remove/"),
        "/inbox/reminders/#devices",
        fetch_redirect_response=False,
    )
    assert not Device.objects.exists()


def test_removing_needs_the_csrf_token(alice, vapid):
    device = devices.add_device(
        user=alice, endpoint=FCM + "a", user_agent="", **subscription()["keys"]
    )
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(f"/inbox/devices/{device.code}/remove/").status_code == 403
    assert Device.objects.exists()


def test_the_reminders_page_costs_the_same_with_one_device_or_ten(client, alice, vapid):
    client.force_login(alice)
    post_subscription(client, subscription(FCM + "0"))
    with CaptureQueriesContext(connection) as one:
        client.get("/inbox/reminders/")
    for n in range(1, devices.MAX_DEVICES):
        post_subscription(client, subscription(FCM + str(n)))
    with CaptureQueriesContext(connection) as ten:
        page = client.get("/inbox/reminders/")
    assert len(ten) == len(one) <= 8
    assert page.content.decode().count('action="/inbox/devices/') == devices.MAX_DEVICES


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (ANDROID_FIREFOX, "Firefox on Android"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        ("", "A browser"),
    ],
)
def test_a_device_is_named_by_its_browser_and_system_only(agent, label):
    assert devices.label_for(agent) == label


def test_the_safety_reset_stops_notifications_to_every_device(client, alice, bob):
    for n in range(3):
        devices.add_device(
            user=alice, endpoint=FCM + str(n), user_agent="", **subscription()["keys"]
        )
    devices.add_device(
        user=bob, endpoint=FCM + "bob", user_agent="", **subscription()["keys"]
    )
    client.force_login(alice)
    client.post("/safety/reset/", {"confirm": "on"})
    assert list(Device.objects.values_list("user", flat=True)) == [bob.pk]
