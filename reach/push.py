"""Web Push for prompts: one discreet notification per prompt and device, sent at most once.

A prompt is created (and shown in the inbox) by prompts.sending before anything here runs, so a
push that fails loses nothing: the prompt waits in the app. Pushes follow the prompt's own rules:
no prompt, no push (pause, a red day, one gentle prompt a day are decided there), and quiet hours
hold a push back as they hold back an email.

What a lock screen shows is always the same: "Notes", "There's something new for you.", and a
link through the neutral /go/<id>/ path. Never a name, a colour, a feature or anyone's words.
"""

import datetime
import json
import logging
import zoneinfo

import requests
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from prompts.models import Kind, Prompt

from .models import Device, Push, PushStatus

logger = logging.getLogger(__name__)

NEUTRAL_TITLE = "Notes"
NEUTRAL_BODY = "There's something new for you."
# Undelivered notifications with the same topic replace each other at the push service: a phone
# that was off all week shows one, not a pile.
TOPIC = "notes"
# A reminder of an exercise planned in a quarter of an hour is of no use after it; everything else
# can wait half a day for a phone to come back on.
TTL = {Kind.SESSION: 15 * 60}
DEFAULT_TTL = 12 * 60 * 60
URGENCY = {Kind.SESSION: "normal"}
DEFAULT_URGENCY = "low"  # delivered without waking a phone on low battery for it
TIMEOUT = 5  # seconds to connect to the push service, and again for its answer

MAX_ATTEMPTS = 6
# The waits between tries: 1, 2, 4, 8, 16 minutes.
FIRST_WAIT = datetime.timedelta(minutes=1)
QUIET_RECHECK = datetime.timedelta(minutes=10)
# Failed tries in a row, across prompts, after which a device is let go of: two prompts' worth.
GIVE_UP_AFTER = 2 * MAX_ATTEMPTS
# The push service says the subscription is no more (RFC 8030 §7.3; 404 from some services).
GONE = {404, 410}
# The request itself is wrong: trying it again can't help.
REFUSED = {400, 413}


def enabled() -> bool:
    return bool(
        settings.VAPID_PUBLIC_KEY
        and settings.VAPID_PRIVATE_KEY
        and settings.VAPID_SUBJECT
    )


def payload(prompt: Prompt) -> str:
    return json.dumps(
        {
            "title": NEUTRAL_TITLE,
            "body": NEUTRAL_BODY,
            "url": reverse("go", args=[prompt.code]),
        }
    )


def headers(prompt: Prompt) -> dict[str, str]:
    return {
        "Urgency": URGENCY.get(prompt.kind, DEFAULT_URGENCY),
        "Topic": TOPIC,
    }


def wait_after(attempts: int) -> datetime.timedelta:
    return FIRST_WAIT * 2 ** (attempts - 1)


def queue_pushes(*, prompt_ids: list[int], now: datetime.datetime) -> list[int]:
    """One waiting push for each prompt and each device of its person. Safe to repeat: returns
    the ids of the pushes still waiting and due, old or new."""
    if not enabled() or not prompt_ids:
        return []
    owners = dict(Prompt.objects.filter(pk__in=prompt_ids).values_list("pk", "user_id"))
    devices: dict[int, list[int]] = {}
    for device_id, user_id in Device.objects.filter(
        user_id__in=set(owners.values())
    ).values_list("pk", "user_id"):
        devices.setdefault(user_id, []).append(device_id)
    Push.objects.bulk_create(
        [
            Push(prompt_id=prompt_id, device_id=device_id, next_try_at=now)
            for prompt_id, user_id in owners.items()
            for device_id in devices.get(user_id, [])
        ],
        ignore_conflicts=True,
    )
    return list(
        Push.objects.filter(
            prompt_id__in=owners, status=PushStatus.PENDING, next_try_at__lte=now
        ).values_list("pk", flat=True)
    )


def due_push_ids(*, now: datetime.datetime):
    """Pushes waiting for another try, or for quiet hours to end: one indexed range."""
    return (
        Push.objects.filter(status=PushStatus.PENDING, next_try_at__lte=now)
        .order_by()
        .values_list("pk", flat=True)
        .iterator(chunk_size=5000)
    )


def _in_quiet_hours(prompt: Prompt, now: datetime.datetime) -> bool:
    preferences = getattr(prompt.user, "prompt_preferences", None)
    if preferences is None:
        return False
    zone = zoneinfo.ZoneInfo(prompt.user.timezone or "UTC")
    return preferences.in_quiet_hours(now.astimezone(zone).hour)


def _post(push: Push) -> None:
    device = push.device
    webpush(
        subscription_info={
            "endpoint": device.endpoint,
            "keys": {"p256dh": device.p256dh, "auth": device.auth},
        },
        data=payload(push.prompt),
        vapid_private_key=Vapid.from_raw(settings.VAPID_PRIVATE_KEY.encode()),
        vapid_claims={"sub": settings.VAPID_SUBJECT},
        ttl=TTL.get(push.prompt.kind, DEFAULT_TTL),
        headers=headers(push.prompt),
        timeout=TIMEOUT,
    )


def send_push(*, push_id: int, now: datetime.datetime) -> str:
    """Sends one push, once. The row lock keeps two workers from sending it together."""
    if not enabled():
        return "off"
    with transaction.atomic():
        push = (
            Push.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("device", "prompt__user__prompt_preferences")
            .filter(pk=push_id, status=PushStatus.PENDING)
            .first()
        )
        if push is None:
            return "skipped"
        if push.prompt.read_at is not None:
            push.status = PushStatus.SKIPPED  # seen in the app already: nothing to tell
            push.save(update_fields=["status"])
            return "already read"
        if _in_quiet_hours(push.prompt, now):
            push.next_try_at = now + QUIET_RECHECK
            push.save(update_fields=["next_try_at"])
            return "quiet hours"
        push.attempts += 1
        device = push.device
        try:
            _post(push)
        except (WebPushException, requests.RequestException) as failure:
            response = getattr(failure, "response", None)
            status = getattr(response, "status_code", None)
            # The status only: a push service's message could echo the endpoint.
            logger.info("A push failed: %s", status or type(failure).__name__)
            if status in GONE:
                device.delete()  # and its waiting pushes with it
                return "gone"
            device.failures += 1
            if device.failures >= GIVE_UP_AFTER:
                device.delete()
                return "given up"
            device.save(update_fields=["failures"])
            if status in REFUSED or push.attempts >= MAX_ATTEMPTS:
                push.status = PushStatus.FAILED
            else:
                push.next_try_at = now + wait_after(push.attempts)
            push.save(update_fields=["status", "attempts", "next_try_at"])
            return "failed"
        push.status = PushStatus.SENT
        push.save(update_fields=["status", "attempts"])
        device.failures = 0
        device.last_reached_at = now
        device.save(update_fields=["failures", "last_reached_at"])
    return "sent"
