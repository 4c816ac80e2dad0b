"""R31: task messages carry ids only, never wait long in the broker, and nothing anyone wrote
reaches Redis.

The flows that publish tasks (sharing a journal entry, inviting a partner by email, the prompt
tick) run with publishing switched on, against Redis, into a queue of this test's own that no
worker reads. Every message is then checked as it was published, and as it sits in Redis.
"""

import base64
import datetime
import json
import os
import re
import uuid

import pytest
from celery.signals import before_task_publish
from django.conf import settings
from django.utils import timezone

from config.celery import app as celery_app
from couples import pairing
from journal.models import Entry
from journal.sharing import set_sharing
from prompts import tasks
from prompts.preferences import preferences_for
from tests.accounts.factories import UserFactory
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

CANARY = "Zephyrine"
LONGEST_WAIT = datetime.timedelta(seconds=300)
# What a task argument may be: a number, an opaque id, a prompt kind, or an event key naming a
# row by id ("entry:<uuid>").
ID_TEXT = re.compile(r"^[0-9a-f-]{36}$|^[a-z_]{1,20}$|^[a-z_]{1,20}:[0-9a-f-]{1,36}$")


@pytest.fixture
def broker():
    """Publishing on, into this test's own queue; yields (messages published, Redis client)."""
    import redis

    require_service(bool(os.environ.get("REDIS_URL")), "Redis")
    queue = f"test-r31-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    celery_app.conf.task_always_eager = (
        False  # publish for real; tests/conftest.py restores it
    )
    published = []

    def record(body=None, headers=None, **kwargs):
        published.append({"body": body, "headers": headers})

    before_task_publish.connect(record, weak=False)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        yield published, client, queue
    finally:
        before_task_publish.disconnect(record)
        celery_app.conf.task_default_queue = previous_queue
        client.delete(queue)


def leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def publish_everything(alice, bob, couple, django_capture_on_commit_callbacks):
    alice.display_name = CANARY
    alice.save()
    entry = Entry.objects.create(
        author=alice,
        written_on=timezone.localdate(),
        body=f"{CANARY} wrote this",
        feelings=CANARY,
    )
    # Bob takes prompts by email too, so the share's note is followed by a queued email.
    bob_preferences = preferences_for(bob)
    bob_preferences.email = True
    bob_preferences.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        set_sharing(entry=entry, with_partner=True, with_therapist=False)
    # An invitation emailed by someone whose name is the canary.
    inviter = UserFactory(display_name=CANARY)
    membership = pairing.start_couple(user=inviter, role="injured").memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        pairing.create_invitation(membership=membership, email="friend@example.com")
    # The tick, with Bob due now.
    preferences = preferences_for(bob)
    preferences.next_due_at = timezone.now() - datetime.timedelta(minutes=1)
    preferences.save(update_fields=["next_due_at"])
    tasks.tick()


def test_r31_tasks_carry_ids_only_and_never_wait_long(
    alice, bob, couple, broker, django_capture_on_commit_callbacks
):
    published, _, _ = broker
    publish_everything(alice, bob, couple, django_capture_on_commit_callbacks)
    names = {message["headers"]["task"] for message in published}
    assert {
        "couples.tasks.send_invitation_email",
        # The note itself is made in the request; only its email waits for a worker.
        "prompts.tasks.send_prompt_emails",
        "prompts.tasks.send_scheduled_prompts",
    } <= names, names
    latest = timezone.now() + LONGEST_WAIT
    for message in published:
        eta = message["headers"].get("eta")
        assert eta is None or datetime.datetime.fromisoformat(eta) <= latest, message
        for value in leaves(message["body"][:2]):  # args and kwargs
            assert isinstance(value, int) or (
                isinstance(value, str) and ID_TEXT.match(value)
            ), (message["headers"]["task"], value)
        assert CANARY not in json.dumps(message["body"], default=str)


def test_r31_nothing_anyone_wrote_is_in_redis(
    alice, bob, couple, broker, django_capture_on_commit_callbacks
):
    published, client, queue = broker
    publish_everything(alice, bob, couple, django_capture_on_commit_callbacks)
    waiting = client.lrange(queue, 0, -1)
    assert len(waiting) == len(published) >= 3
    for raw in waiting:
        envelope = json.loads(raw)
        body = envelope["body"]
        if envelope["properties"].get("body_encoding") == "base64":
            body = base64.b64decode(body).decode()
        assert CANARY not in body
        assert CANARY not in raw.decode()
    # Anything else in the broker's database (results, unacked, bindings) holds no canary either.
    for key in client.scan_iter(count=1000):
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key) or b""]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind == b"hash":
            values = list(client.hgetall(key).values())
        else:
            continue
        for value in values:
            assert CANARY.encode() not in value, key


def test_r31_the_broker_waits_longer_than_any_task_may_run():
    limits = [settings.CELERY_TASK_TIME_LIMIT] + [
        task.time_limit for task in celery_app.tasks.values() if task.time_limit
    ]
    require_service(bool(os.environ.get("REDIS_URL")), "Redis")
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > max(limits)
    # Email retries back off to at most five minutes.
    assert celery_app.tasks["prompts.tasks.send_prompt_emails"].retry_backoff_max <= 300
