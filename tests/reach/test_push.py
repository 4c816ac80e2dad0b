"""Web Push for prompts (reach/push.py), against a push service on localhost that gets the real,
encrypted request: what a lock screen would show, the headers, and what happens when it fails."""

import datetime
import json

import pytest
import time_machine
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from prompts.models import Kind, Prompt
from prompts.preferences import preferences_for
from reach import push, tasks
from reach.models import Device, Push, PushStatus

from .push_service import (
    NEUTRAL,
    NOON,
    Browser,
    PushService,
    VapidKeys,
    add_phone,
    b64url_decode,
)

pytestmark = pytest.mark.django_db


def make_prompt(user, kind=Kind.SHARED, key="entry:1") -> Prompt:
    return Prompt.objects.create(
        user=user,
        kind=kind,
        key=key,
        local_date=NOON.date(),
        counts_toward_daily_limit=False,
        text="Bob shared something about the red day and the affair",
        link="/journal/shared/",
    )


def verify_vapid(authorization: str, keys: VapidKeys, audience: str) -> dict:
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == keys.public_b64
    header, claims, signature = fields["t"].split(".")
    raw = b64url_decode(signature)
    keys.private.public_key().verify(
        encode_dss_signature(
            int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
        ),
        f"{header}.{claims}".encode(),
        ec.ECDSA(hashes.SHA256()),
    )
    data = json.loads(b64url_decode(claims))
    assert data["aud"] == audience
    assert data["sub"] == "mailto:ops@example.org"
    return data


def test_r24_r38_a_prompt_reaches_the_device_as_neutral_encrypted_words(
    alice, vapid, service, noon
):
    alice.display_name = "Zephyrine"
    alice.save()
    _, browser = add_phone(alice, service)
    prompt = make_prompt(alice)

    tasks.push_prompts([prompt.pk])

    [request] = service.received
    assert request.path == "/push/phone"
    assert request.headers["content-encoding"] == "aes128gcm"
    assert request.headers["ttl"] == str(12 * 60 * 60)
    assert request.headers["urgency"] == "low"
    assert request.headers["topic"] == "notes"
    verify_vapid(request.headers["authorization"], vapid, service.origin)
    # Only the browser's keys open it, and inside is nothing but the neutral words and link.
    for word in (b"Notes", b"something new", b"/go/"):
        assert word not in request.body
    message = browser.decrypt(request.body)
    assert message == NEUTRAL | {"url": f"/go/{prompt.code}/"}
    for private in ("Zephyrine", "Bob", "red", "affair", "journal", "shared"):
        assert private.lower() not in json.dumps(message).lower()
    assert Push.objects.get().status == PushStatus.SENT
    assert Device.objects.get().last_reached_at == NOON


def test_a_session_reminder_is_short_lived_and_of_normal_urgency(
    alice, vapid, service, noon
):
    _, browser = add_phone(alice, service)
    prompt = make_prompt(alice, kind=Kind.SESSION, key="session:x")

    tasks.push_prompts([prompt.pk])

    [request] = service.received
    assert request.headers["ttl"] == "900"
    assert request.headers["urgency"] == "normal"
    assert browser.decrypt(request.body)["title"] == "Notes"


def test_each_device_gets_one_push_however_often_it_is_asked(
    alice, bob, vapid, service, noon
):
    add_phone(alice, service, "phone")
    add_phone(alice, service, "laptop")
    add_phone(bob, service, "bobs")
    prompt = make_prompt(alice)

    tasks.push_prompts([prompt.pk])
    tasks.push_prompts([prompt.pk])
    tasks.retry_pushes()

    assert sorted(r.path for r in service.received) == ["/push/laptop", "/push/phone"]


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_service_says_is_gone_is_removed(
    alice, vapid, service, noon, status
):
    add_phone(alice, service)
    prompt = make_prompt(alice)
    service.answers = [status]

    tasks.push_prompts([prompt.pk])

    assert len(service.received) == 1
    assert not Device.objects.exists()
    assert not Push.objects.exists()
    # The prompt itself is untouched: it waits in the inbox.
    assert Prompt.objects.filter(pk=prompt.pk, read_at__isnull=True).exists()


def test_a_failing_push_service_is_tried_again_later_and_later_then_let_go(
    alice, vapid, service, noon
):
    add_phone(alice, service)
    prompt = make_prompt(alice)
    service.answers = [500] * push.MAX_ATTEMPTS

    tasks.push_prompts([prompt.pk])
    waits = []
    for _ in range(push.MAX_ATTEMPTS - 1):
        pending = Push.objects.get()
        assert pending.status == PushStatus.PENDING
        waits.append(pending.next_try_at - datetime.datetime.now(datetime.UTC))
        tasks.retry_pushes()  # not due yet: nothing is sent
        noon.shift(waits[-1])
        tasks.retry_pushes()

    assert waits == [
        datetime.timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16)
    ]
    assert len(service.received) == push.MAX_ATTEMPTS
    assert Push.objects.get().status == PushStatus.FAILED
    noon.shift(datetime.timedelta(days=1))
    tasks.retry_pushes()
    assert len(service.received) == push.MAX_ATTEMPTS  # given up on: never again
    # Nothing is lost: the prompt is in the app.
    assert Prompt.objects.filter(pk=prompt.pk, read_at__isnull=True).exists()


def test_a_device_that_never_answers_is_let_go_of(alice, vapid, noon):
    with PushService() as gone:
        endpoint = gone.endpoint("phone")
    browser = Browser()
    Device.objects.create(
        user=alice, endpoint=endpoint, p256dh=browser.p256dh, auth=browser.auth
    )
    for n in range(push.GIVE_UP_AFTER):
        tasks.push_prompts([make_prompt(alice, key=f"entry:{n}").pk])
        noon.shift(datetime.timedelta(hours=1))
        for _ in range(push.MAX_ATTEMPTS):
            tasks.retry_pushes()
            noon.shift(datetime.timedelta(hours=1))
        if not Device.objects.exists():
            break
    assert not Device.objects.exists()
    assert Prompt.objects.filter(user=alice).count() == 2


def test_quiet_hours_hold_a_push_until_they_end(alice, vapid, service):
    preferences = preferences_for(alice)
    preferences.quiet_start, preferences.quiet_end = 22, 8
    preferences.save()
    add_phone(alice, service)
    late = datetime.datetime(2026, 3, 10, 23, 0, tzinfo=datetime.UTC)  # 23:00 in London
    with time_machine.travel(late, tick=False) as traveller:
        prompt = make_prompt(alice)
        tasks.push_prompts([prompt.pk])
        for _ in range(12 * 6):  # every ten minutes through the night
            tasks.retry_pushes()
            if service.received:
                break
            traveller.shift(datetime.timedelta(minutes=10))
        now = datetime.datetime.now(datetime.UTC)
    assert len(service.received) == 1
    assert now.hour == 8


def test_a_prompt_already_read_in_the_app_is_not_pushed(alice, vapid, service, noon):
    add_phone(alice, service)
    prompt = make_prompt(alice)
    prompt.read_at = NOON
    prompt.save()

    tasks.push_prompts([prompt.pk])

    assert not service.received
    assert Push.objects.get().status == PushStatus.SKIPPED


def test_without_keys_push_is_simply_off(alice, settings, service, noon):
    settings.VAPID_PRIVATE_KEY = ""
    add_phone(alice, service)
    prompt = make_prompt(alice)

    tasks.push_prompts([prompt.pk])
    tasks.retry_pushes()

    assert not service.received
    assert not Push.objects.exists()


def test_a_task_of_pushes_ends_inside_its_time_limit_even_if_every_service_hangs(
    settings,
):
    worst = (
        tasks.SEND_BATCH * 2 * push.TIMEOUT
    )  # connecting, then waiting for the answer
    assert worst < settings.CELERY_TASK_SOFT_TIME_LIMIT


def test_many_pushes_go_out_in_small_tasks(
    alice, bob, vapid, service, noon, monkeypatch
):
    for person in (alice, bob):
        for n in range(6):
            add_phone(person, service, f"{person.pk}-{n}")
    prompts = [make_prompt(alice), make_prompt(bob)]
    sent = []
    original = tasks.send_pushes.delay
    monkeypatch.setattr(
        tasks.send_pushes, "delay", lambda ids: sent.append(ids) or original(ids)
    )
    tasks.push_prompts([p.pk for p in prompts])
    assert [len(batch) for batch in sent] == [8, 4]
    assert len(service.received) == 12
