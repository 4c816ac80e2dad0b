"""Push tasks: thin, they take ids only and call reach.push."""

import itertools

from celery import shared_task
from django.utils import timezone

from . import push

# Pushes per task: a push service that hangs costs up to push.TIMEOUT to connect and again to
# answer, so eight stay inside the soft time limit (90 s) even when every one of them hangs.
SEND_BATCH = 8


@shared_task
def push_prompts(prompt_ids: list[int]) -> int:
    """prompts.tasks hands every prompt it delivers here, as it hands them to email."""
    due = push.queue_pushes(prompt_ids=prompt_ids, now=timezone.now())
    for batch in itertools.batched(due, SEND_BATCH):
        send_pushes.delay(list(batch))
    return len(due)


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
    for batch in itertools.batched(push.due_push_ids(now=timezone.now()), SEND_BATCH):
        send_pushes.delay(list(batch))
        batches += 1
    return batches
