"""A partner's card, sent when they tap "I'm flooded" (steadying.signals.card_sent).

Not a gentle prompt: it is a request for care that the person set up themselves, so it is not held
back by a pause, by the daily limit or by "not at all" reminders (those are about Mend's own
nudges). It lands in the inbox, with the badge; an email goes only to someone who asked for
emails, with the same neutral subject and body as any other, and waits out their quiet hours.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.dates import local_today
from couples.models import Membership

from .models import EmailOptOut, EmailStatus, Kind, Prompt
from .preferences import preferences_for

User = get_user_model()

CARD_TEXT = "Your partner sent you their card. Have a look when you can."


def deliver_card(*, from_id: int, recipient_id: int, key: str) -> int | None:
    """Creates the inbox prompt once per tap; returns its id if it should also be emailed."""
    couple_ids = set(
        Membership.objects.active()
        .filter(user_id__in=[from_id, recipient_id])
        .values_list("couple_id", "user_id")
    )
    if len({c for c, _ in couple_ids}) != 1 or len(couple_ids) != 2:
        return None  # no longer partners: the card goes nowhere
    preferences = preferences_for(User.objects.get(pk=recipient_id))
    wants_email = (
        preferences.email
        and not EmailOptOut.objects.filter(
            user_id=recipient_id, kind=Kind.SHARED
        ).exists()
    )
    try:
        with transaction.atomic():
            prompt = Prompt.objects.create(
                user_id=recipient_id,
                kind=Kind.SHARED,
                key=key,
                local_date=local_today(preferences.user),
                counts_toward_daily_limit=False,
                text=CARD_TEXT,
                link=reverse("steadying:partner_card"),
                email_status=EmailStatus.PENDING if wants_email else EmailStatus.NONE,
            )
    except IntegrityError:
        return None  # this tap's card is already there
    return prompt.pk if wants_email else None
