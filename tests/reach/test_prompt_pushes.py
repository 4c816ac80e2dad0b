"""Prompts reach devices through the same Celery tasks, rules and idempotency as email
(prompts/tasks.py hands each delivered prompt to reach.tasks.push_prompts)."""

import datetime
import json
import uuid

import pytest
import time_machine
from django.core import mail

from couples.models import Pause
from prompts import heads_up
from prompts import tasks as prompt_tasks
from prompts.models import Kind, Prompt
from prompts.preferences import preferences_for
from reach import tasks
from reach.models import Push
from tests.security.test_r31_task_messages import ID_TEXT, leaves
from tests.steadying.test_hard_dates import LABEL, keep_date

from .push_service import NEUTRAL, PushService, add_phone

pytestmark = pytest.mark.django_db


def test_a_shared_entry_pushes_to_someone_who_gets_no_email(
    alice, bob, couple, vapid, service, noon
):
    assert preferences_for(alice).email is False
    _, browser = add_phone(alice, service)

    prompt_tasks.send_event_prompt(alice.pk, Kind.SHARED, f"entry:{uuid.uuid4()}")

    prompt = Prompt.objects.get(user=alice)
    [request] = service.received
    assert browser.decrypt(request.body) == NEUTRAL | {"url": f"/go/{prompt.code}/"}
    assert not mail.outbox


def test_email_and_push_go_together_when_both_are_wanted(
    alice, bob, couple, vapid, service, noon
):
    preferences = preferences_for(alice)
    preferences.email = True
    preferences.save()
    add_phone(alice, service)

    prompt_tasks.send_event_prompt(alice.pk, Kind.SHARED, f"entry:{uuid.uuid4()}")

    assert len(mail.outbox) == 1
    assert len(service.received) == 1


def test_a_pause_silences_the_push_as_it_silences_the_prompt(
    alice, bob, couple, vapid, service, noon
):
    preferences_for(alice)
    add_phone(alice, service)
    Pause.objects.create(couple=couple, user=bob)

    prompt_tasks.send_event_prompt(alice.pk, Kind.SESSION, f"session:{uuid.uuid4()}")

    assert not Prompt.objects.filter(user=alice).exists()
    assert not service.received


def test_the_scheduled_prompt_is_pushed_once_however_often_the_tick_runs(
    alice, bob, couple, vapid, service, noon
):
    preferences = preferences_for(alice)
    preferences.next_due_at = noon_now() - datetime.timedelta(minutes=1)
    preferences.save()
    add_phone(alice, service)

    prompt_tasks.send_scheduled_prompts([alice.pk])
    prompt_tasks.send_scheduled_prompts([alice.pk])
    prompt_tasks.tick()
    tasks.retry_pushes()

    prompt = Prompt.objects.get(user=alice)
    assert len(service.received) == 1
    assert Push.objects.get().prompt == prompt


def noon_now():
    return datetime.datetime.now(datetime.UTC)


def test_r31_push_tasks_carry_ids_only(alice, vapid, broker, noon):
    published, _, _ = broker
    alice.display_name = "Zephyrine"
    alice.save()
    with PushService() as running:
        add_phone(alice, running)
        prompt = Prompt.objects.create(
            user=alice,
            kind=Kind.SHARED,
            key="entry:3",
            local_date=noon_now().date(),
            text="Zephyrine's words",
        )
        prompt_tasks.send_prompt_emails(
            [prompt.pk]
        )  # runs here; publishes what it hands on
        Push.objects.create(prompt=prompt, device=alice.push_devices.get())
        tasks.retry_pushes()

    names = [message["headers"]["task"] for message in published]
    assert names == ["reach.tasks.push_prompts", "reach.tasks.send_pushes"]
    for message in published:
        assert message["headers"].get("eta") is None
        for value in leaves(message["body"][:2]):
            assert isinstance(value, int) or (
                isinstance(value, str) and ID_TEXT.match(value)
            ), value
        assert "Zephyrine" not in json.dumps(message["body"], default=str)


def test_a_heads_up_before_a_hard_date_is_pushed_and_names_nothing(
    alice, bob, couple, vapid, service
):
    preferences = preferences_for(bob)
    preferences.prompt_hour = 19
    preferences.save()
    _, browser = add_phone(bob, service)
    keep_date(alice, datetime.date(2027, 3, 29))
    moment = datetime.datetime(
        2027, 3, 26, 19, 0, tzinfo=datetime.UTC
    )  # 19:00 in London
    with time_machine.travel(moment, tick=False):
        prompt_tasks.send_heads_ups(list(heads_up.due_ids(now=moment)))

    prompt = Prompt.objects.get(user=bob, kind=Kind.HEADS_UP)
    [request] = service.received
    message = browser.decrypt(request.body)
    assert message == NEUTRAL | {"url": f"/go/{prompt.code}/"}
    assert LABEL not in json.dumps(message)
