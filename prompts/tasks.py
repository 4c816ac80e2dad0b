"""Prompt tasks: thin, they take ids only and call prompts.sending, prompts.events and prompts.emails."""

import itertools
import smtplib

from celery import shared_task
from django.utils import timezone

from . import channels, emails, events, heads_up, sending


@shared_task
def tick() -> dict:
    """Beat runs this every few minutes: find who is due, and hand them to workers in batches of ids."""
    now = timezone.now()
    batches = 0
    for batch in itertools.batched(sending.due_user_ids(now=now), sending.BATCH_SIZE):
        send_scheduled_prompts.delay(list(batch))
        batches += 1
    retries = 0
    for batch in itertools.batched(emails.emails_to_retry(now=now), sending.BATCH_SIZE):
        send_prompt_emails.delay(list(batch))
        retries += 1
    soon = list(events.sessions_starting_soon(now=now))
    if soon:
        send_session_reminders.delay(soon)
    hard_dates = 0
    for batch in itertools.batched(heads_up.due_ids(now=now), sending.BATCH_SIZE):
        send_heads_ups.delay(list(batch))
        hard_dates += 1
    return {
        "batches": batches,
        "email_batches": retries,
        "session_reminders": len(soon),
        "heads_up_batches": hard_dates,
    }


@shared_task
def send_scheduled_prompts(user_ids: list[int]) -> int:
    pending = sending.deliver_scheduled(user_ids=user_ids, now=timezone.now())
    if pending:
        send_prompt_emails.delay(pending)
    return len(pending)


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=emails.MAX_EMAIL_ATTEMPTS,
)
def send_prompt_emails(prompt_ids: list[int]) -> dict:
    # The same prompts go to every other channel (reach/ pushes to devices), each as a task of its
    # own: a slow push service never holds up an email, nor a failed email a push. Handing on
    # twice is harmless: each (prompt, device) is pushed at most once.
    channels.hand_on(prompt_ids)
    now = timezone.now()
    return {
        prompt_id: emails.email_prompt(prompt_id=prompt_id, now=now)
        for prompt_id in prompt_ids
    }


@shared_task
def send_event_prompt(user_id: int, kind: str, key: str) -> int | None:
    prompt_id = events.deliver_event(user_id=user_id, kind=kind, key=key)
    if prompt_id:
        send_prompt_emails.delay([prompt_id])
    return prompt_id


@shared_task
def send_session_reminders(session_ids: list[int]) -> int:
    pending = events.deliver_session_reminders(session_ids=session_ids)
    if pending:
        send_prompt_emails.delay(pending)
    return len(pending)


@shared_task
def send_heads_ups(hard_date_ids: list[int]) -> int:
    pending = heads_up.deliver(hard_date_ids=hard_date_ids, now=timezone.now())
    if pending:
        send_prompt_emails.delay(pending)
    return len(pending)
