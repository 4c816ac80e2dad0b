"""Push tasks: thin, they take ids only and call reach.push."""

import itertools

from celery import shared_task
from django.utils import timezone

from . import push

BATCH_SIZE = 200


@shared_task
def push_prompts(prompt_ids: list[int]) -> dict:
    """prompts.tasks hands every prompt it delivers here, as it hands them to email."""
    now = timezone.now()
    return {
        push_id: push.send_push(push_id=push_id, now=now)
        for push_id in push.queue_pushes(prompt_ids=prompt_ids, now=now)
    }


@shared_task
def send_pushes(push_ids: list[int]) -> dict:
    now = timezone.now()
    return {push_id: push.send_push(push_id=push_id, now=now) for push_id in push_ids}


@shared_task
def retry_pushes() -> int:
    """Beat runs this every two minutes: pushes due another try go out in batches of ids."""
    if not push.enabled():
        return 0
    batches = 0
    for batch in itertools.batched(push.due_push_ids(now=timezone.now()), BATCH_SIZE):
        send_pushes.delay(list(batch))
        batches += 1
    return batches
