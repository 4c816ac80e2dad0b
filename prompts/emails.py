"""Emailing prompts: a neutral subject, a neutral link, one send per prompt, quiet hours kept.

A prompt is created first (prompts.sending); its email follows as a task that is safe to repeat:
the row lock and the email status keep two workers from sending it twice."""

import datetime
import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import EmailOptOut, EmailStatus, Kind, Preferences, Prompt

MAX_EMAIL_ATTEMPTS = 5
EMAIL_RETRY_AFTER = datetime.timedelta(minutes=5)

# Subjects come only from this list: they say nothing about who, what or why.
NEUTRAL_SUBJECTS = {
    Kind.CHECKIN: "A gentle reminder",
    Kind.REFLECTION: "A gentle reminder",
    Kind.RECONNECT: "A gentle reminder",
    Kind.SESSION: "A reminder you asked for",
    Kind.SHARED: "You have a new message",
    Kind.HEADS_UP: "You have a new message",
    Kind.INVITED: "You have a new message",
    Kind.ASKED: "You have a new message",
    Kind.MEASURES: "A gentle reminder",
}
ALLOWED_SUBJECTS = frozenset(NEUTRAL_SUBJECTS.values())


def emails_to_retry(*, now: datetime.datetime):
    return (
        Prompt.objects.filter(
            email_status=EmailStatus.PENDING,
            created_at__lte=now - EMAIL_RETRY_AFTER,
            email_attempts__lt=MAX_EMAIL_ATTEMPTS,
        )
        .order_by()
        .values_list("pk", flat=True)
        .iterator(chunk_size=5000)
    )


def email_status(
    preferences: Preferences, kind: str, opted_out: set[tuple[int, str]]
) -> str:
    if preferences.email and (preferences.user_id, kind) not in opted_out:
        return EmailStatus.PENDING
    return EmailStatus.NONE


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": str(user.code), "k": kind}, salt="prompts.unsubscribe")


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt="prompts.unsubscribe")
    except signing.BadSignature:
        return None
    if data.get("k") not in Kind.values:
        return None
    return data["u"], data["k"]


def render_email(prompt: Prompt) -> EmailMultiAlternatives:
    """A discreet message: a neutral subject, no names, no colours, no words about what the app is for."""
    base = settings.SITE_URL.rstrip("/")
    unsubscribe = base + reverse(
        "prompts:unsubscribe", args=[unsubscribe_token(prompt.user, prompt.kind)]
    )
    # Never the prompt's own path (/journal/shared/…): a neutral one that leads there (R38).
    context = {
        "link": base + reverse("go", args=[prompt.code]),
        "unsubscribe": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=NEUTRAL_SUBJECTS[prompt.kind],
        body=render_to_string("prompts/email/prompt.txt", context),
        to=[prompt.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("prompts/email/prompt.html", context), "text/html"
    )
    return message


def email_prompt(*, prompt_id: int, now: datetime.datetime) -> str:
    """Sends one prompt's email, once. The row lock keeps two workers from sending it together."""
    with transaction.atomic():
        prompt = (
            Prompt.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user__prompt_preferences")
            .filter(pk=prompt_id, email_status=EmailStatus.PENDING)
            .first()
        )
        if prompt is None:
            return "skipped"
        preferences = prompt.user.prompt_preferences
        if (
            not preferences.email
            or EmailOptOut.objects.filter(
                user_id=prompt.user_id, kind=prompt.kind
            ).exists()
        ):
            prompt.email_status = EmailStatus.NONE
            prompt.save(update_fields=["email_status"])
            return "not wanted"
        local_hour = now.astimezone(
            zoneinfo.ZoneInfo(prompt.user.timezone or "UTC")
        ).hour
        if preferences.in_quiet_hours(local_hour):
            return "quiet hours"  # stays pending; a later tick sends it once quiet hours end
        prompt.email_attempts += 1
        error = None
        try:
            render_email(prompt).send()
        except (
            Exception
        ) as failure:  # recorded here, raised after the commit so the task retries
            error = failure
            prompt.email_status = (
                EmailStatus.FAILED
                if prompt.email_attempts >= MAX_EMAIL_ATTEMPTS
                else EmailStatus.PENDING
            )
        else:
            prompt.email_status = EmailStatus.SENT
        prompt.save(update_fields=["email_status", "email_attempts"])
    if error is not None:
        raise error
    return "sent"
