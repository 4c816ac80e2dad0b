"""R24–R26: emails, titles and URLs give nothing away; a red light is never broadcast."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from couples import pairing
from couples.tasks import send_invitation_email
from prompts.emails import render_email
from prompts.events import link_for_event
from prompts.models import Kind, Prompt
from repair.models import ExerciseSession

from .data import write_everything, write_replies
from .discreet_mail import assert_discreet

CANARY = "Zephyrine"  # a partner's name, journal text and a note, all at once
OTHER_NAME = "Bartholomew"
INVITER_NAME = "Philippa"
DAY = datetime.date(2026, 11, 25)


@pytest.mark.django_db
def test_r24_every_email_is_discreet(alice, bob, couple):
    """Every prompt kind, the couple invitation and allauth's account emails, against literal lists."""
    alice.display_name = CANARY
    alice.save()
    bob.display_name = OTHER_NAME
    bob.save()
    rows = write_everything(alice, bob, couple, CANARY)
    write_replies(alice, bob, couple, CANARY)
    session = ExerciseSession.objects.get(inviter=alice)
    keys = {
        Kind.SHARED: f"entry:{rows['entry'].code}",
        Kind.SESSION: f"session:{session.code}",
    }
    messages = []
    # Prompts of every kind, with the canary in the text they point at.
    for day, kind in enumerate(Kind.values):
        key = keys.get(kind, f"k-{kind}")
        prompt = Prompt.objects.create(
            user=bob,
            kind=kind,
            key=key,
            local_date=DAY - datetime.timedelta(days=day),
            text=f"{CANARY} checked in red",
            link=link_for_event(key, kind),
        )
        messages.append(render_email(prompt))
    # The couple invitation, sent by a person with a name of their own.
    other = pairing.start_couple(user=_person(INVITER_NAME), role="injured")
    invitation = pairing.create_invitation(
        membership=other.memberships.get(), email="friend@example.com"
    )
    mail.outbox.clear()
    send_invitation_email(invitation.pk)
    # allauth's account emails: address confirmation and password reset.
    client = Client()
    client.post(reverse("account_reset_password"), {"email": bob.email})
    client.post(
        reverse("account_signup"),
        {
            "display_name": CANARY,
            "email": "new@example.com",
            "password1": "a calm and quiet river",
            "password2": "a calm and quiet river",
            "timezone": "UTC",
        },
    )
    assert [m.subject for m in mail.outbox] == [
        "You have a new invitation",
        "Reset your password",
        "Confirm your email address",
    ]
    messages += mail.outbox
    for message in messages:
        assert_discreet(message, names=[CANARY, OTHER_NAME, INVITER_NAME])


def _person(name):
    from tests.accounts.factories import UserFactory

    return UserFactory(display_name=name)


@pytest.mark.django_db
def test_r26_a_red_check_in_notifies_nobody(alice, bob, couple):
    client = Client()
    client.force_login(alice)
    before = Prompt.objects.filter(user=bob).count()
    response = client.post(
        reverse("checkins:today"),
        {
            "light": "red",
            "safe": 1,
            "not_performing": 1,
            "can_say_no": 1,
            "can_say_yes": 1,
            "equal": 1,
            "feelings": "",
            "note": "",
        },
    )
    assert response.status_code in {200, 302}
    assert alice.checkins.get().light == "red"
    assert Prompt.objects.filter(user=bob).count() == before == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_safety_reset_tells_the_partner_nothing(alice, bob, couple):
    from prompts.preferences import preferences_for

    preferences = preferences_for(alice)
    preferences.email = True
    preferences.save()
    client = Client()
    client.force_login(alice)
    response = client.post(reverse("privacy:safety_reset"), {"confirm": "on"})
    assert response.status_code == 302
    assert preferences_for(alice).email is False
    assert Prompt.objects.filter(user=bob).count() == 0
    assert mail.outbox == []
    # Without the confirming tick nothing happens.
    assert client.post(reverse("privacy:safety_reset")).status_code == 400


# R25 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_r25_titles_and_urls_never_carry_what_people_wrote(alice, bob, couple):
    alice.display_name = CANARY
    alice.save()
    bob.display_name = CANARY + "Bob"
    bob.save()
    write_everything(alice, bob, couple, CANARY)
    write_everything(bob, alice, couple, CANARY)
    write_replies(alice, bob, couple, CANARY)
    client = Client()
    client.force_login(alice)
    seen, queue, crawled, titled = set(), ["/"], 0, 0
    while queue and crawled < 200:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        crawled += 1
        assert CANARY not in path
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        title = re.search(r"(?s)<title>(.*?)</title>", response.text)
        if title:  # htmx fragments have none
            assert CANARY not in title.group(1), path
            titled += 1
        for href in re.findall(r'(?:href|hx-get)="(/[^"#?]*)', response.text):
            if not href.startswith(("/static/", "/accounts/logout", "/safety/exit")):
                queue.append(href)
    assert titled > 15, seen
    # Entry pages were reached, and they do show the canary in the body (so the crawl is real).
    assert any(p.startswith("/journal/") and len(p) > 30 for p in seen), seen
