"""Discreet email: neutral subjects and sender, no names or words, one-click unsubscribe."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from prompts import emails
from prompts.models import EmailOptOut, EmailStatus, Kind, Prompt
from prompts.preferences import preferences_for
from tests.accounts.factories import UserFactory
from tests.security.discreet_mail import assert_discreet, preview

pytestmark = pytest.mark.django_db

CANARIES = [
    "Canaryname",
    "canary-journal-words",
    "red",
    "yellow",
    "green",
    "betray",
    "affair",
    "sex",
    "intima",
    "therap",
    "journal",
    "check-in",
    "partner",
    "couple",
    "repair",
    "Mend",
]
NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _at_noon():
    """Every prompt here is created at NOON, so `created_at` agrees with the `now` each test passes."""
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def person(db):
    user = UserFactory(display_name="Canaryname", timezone="Europe/London")
    preferences = preferences_for(user)
    preferences.email = True
    preferences.save()
    return user


def pending_prompt(
    user, kind=Kind.SHARED, text="canary-journal-words shared by Canaryname (red)"
) -> Prompt:
    return Prompt.objects.create(
        user=user,
        kind=kind,
        key=f"k-{kind}",
        local_date=NOON.date(),
        text=text,
        email_status=EmailStatus.PENDING,
        counts_toward_daily_limit=False,
    )


# Written out by hand: a subject that changes in the product must change here too, on purpose.
SUBJECT = {
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
PREVIEW = "There's something new for you."


@pytest.mark.parametrize("kind", Kind.values)
def test_every_email_is_discreet(person, settings, kind):
    settings.DEFAULT_FROM_EMAIL = "Notifications <noreply@example.org>"
    prompt = pending_prompt(person, kind)
    assert emails.email_prompt(prompt_id=prompt.pk, now=NOON) == "sent"
    message = mail.outbox[-1]
    assert message.subject == SUBJECT[kind]
    assert preview(message) == PREVIEW
    assert_discreet(message, names=["Canaryname", "canary-journal-words"])
    html = message.alternatives[0].content
    visible = " ".join(
        [message.subject, message.from_email, preview(message), message.body, html]
    ).lower()
    # The unsubscribe token is random base64 and can spell anything; blank it.
    token_free = re.sub(r"/unsubscribe/[^/\s\"]+/", "/unsubscribe/token/", visible)
    link_free = (
        token_free.replace("http://", " ")
        .replace("/checkins/", "/")
        .replace("/repair/", "/")
    )
    for word in CANARIES:
        assert word.lower() not in link_free, word
    assert "List-Unsubscribe" in message.extra_headers
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )


def test_an_email_is_sent_once_even_if_asked_twice(person):
    prompt = pending_prompt(person)
    emails.email_prompt(prompt_id=prompt.pk, now=NOON)
    emails.email_prompt(prompt_id=prompt.pk, now=NOON)
    assert len(mail.outbox) == 1
    assert Prompt.objects.get().email_status == EmailStatus.SENT


def test_nothing_is_emailed_during_quiet_hours(person):
    prompt = pending_prompt(person)
    late = datetime.datetime(2026, 11, 25, 23, 30, tzinfo=datetime.UTC)
    assert emails.email_prompt(prompt_id=prompt.pk, now=late) == "quiet hours"
    assert mail.outbox == []
    assert Prompt.objects.get().email_status == EmailStatus.PENDING


def test_a_failing_email_keeps_the_in_app_prompt_and_is_retried_later(
    person, monkeypatch
):
    prompt = pending_prompt(person)

    def refuse(self, *args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(OSError, match="unreachable"):
        emails.email_prompt(prompt_id=prompt.pk, now=NOON)
    prompt.refresh_from_db()
    assert prompt.email_status == EmailStatus.PENDING
    assert prompt.email_attempts == 1
    later = NOON + datetime.timedelta(minutes=10)
    assert list(emails.emails_to_retry(now=later)) == [prompt.pk]


def test_one_click_unsubscribe_stops_that_kind_only(client, person):
    token = emails.unsubscribe_token(person, Kind.SHARED)
    response = client.post(
        f"/inbox/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=person, kind=Kind.SHARED).exists()
    prompt = pending_prompt(person, Kind.SHARED)
    assert emails.email_prompt(prompt_id=prompt.pk, now=NOON) == "not wanted"
    other = pending_prompt(person, Kind.CHECKIN)
    assert emails.email_prompt(prompt_id=other.pk, now=NOON) == "sent"


def test_the_unsubscribe_page_asks_before_acting(client, person):
    token = emails.unsubscribe_token(person, Kind.CHECKIN)
    response = client.get(f"/inbox/unsubscribe/{token}/")
    assert b"Stop these emails?" in response.content
    assert not EmailOptOut.objects.exists()
    client.post(f"/inbox/unsubscribe/{token}/")
    assert EmailOptOut.objects.filter(user=person, kind=Kind.CHECKIN).exists()


def test_a_tampered_unsubscribe_link_is_refused(client, person):
    token = emails.unsubscribe_token(person, Kind.CHECKIN)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(
        f"/inbox/unsubscribe/{tampered}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 400
    assert not EmailOptOut.objects.exists()
