"""The "I'm flooded" tap: grounding at once for the person, the card for the partner only if chosen."""

import pytest
from django.core import mail
from django.urls import reverse

from couples import pause
from couples.access import active_membership
from prompts.models import Kind, Prompt
from prompts.preferences import preferences_for
from steadying.models import FloodedMoment
from tests.security.discreet_mail import assert_discreet

from .conftest import write_card

pytestmark = pytest.mark.django_db


def tap(client, user, captured):
    client.force_login(user)
    with captured(execute=True):
        return client.post(reverse("steadying:flooded"))


def test_every_page_offers_the_tap_next_to_pause(client, alice, couple):
    client.force_login(alice)
    for name in ("home", "journal:index", "steadying:card"):
        html = client.get(reverse(name)).content.decode()
        assert 'action="/steady/flooded/"' in html
        assert (
            html.index("Pause") < html.index("I'm flooded") < html.index("Quick exit")
        )


def test_a_tap_opens_the_grounding_screen_without_a_partner(
    client, alice, django_capture_on_commit_callbacks
):
    response = tap(client, alice, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == reverse("steadying:ground")
    page = client.get(response.url).content.decode()
    for words in (
        "Breathe with the circle",
        "5</strong> things you can see",
        "This is a memory, not now",
    ):
        assert words in page
    # Everything the screen does is on the page: no htmx call is needed to use it.
    assert "hx-get" not in page.split('id="main"')[1].split("</main>")[0]
    assert not Prompt.objects.exists()


def test_without_the_choice_nothing_reaches_the_partner(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    preferences = preferences_for(bob)
    preferences.email = True
    preferences.save()
    write_card(alice, send=False)
    response = tap(client, alice, django_capture_on_commit_callbacks)
    assert response.url == reverse("steadying:ground")
    assert not Prompt.objects.filter(user=bob).exists()
    assert mail.outbox == []
    client.force_login(bob)
    assert client.get(reverse("steadying:partner_card")).status_code == 404


def test_with_the_choice_the_partner_gets_the_card_discreetly(
    client, alice, bob, couple, django_capture_on_commit_callbacks, at_noon
):
    preferences = preferences_for(bob)
    preferences.email = True
    preferences.save()
    write_card(alice, send=True)
    response = tap(client, alice, django_capture_on_commit_callbacks)
    assert response.url == reverse("steadying:ground") + "?sent=1"
    prompt = Prompt.objects.get(user=bob)
    assert prompt.kind == Kind.SHARED
    assert prompt.link == reverse("steadying:partner_card")
    assert "Sit with me" not in prompt.text
    assert "flood" not in prompt.text.lower()
    # The bell shows something new; the email says nothing about who, what or why.
    client.force_login(bob)
    assert "badge--dot" in client.get(reverse("prompts:badge")).content.decode()
    [message] = mail.outbox
    assert_discreet(message, names=["Alice", "Bob"])
    assert "Sit with me" not in message.body
    page = client.get(prompt.link).content.decode()
    assert "Sit with me, no talking." in page
    assert "How to be with this" in page
    assert (
        "<form" not in page.split('id="main"')[1].split("</main>")[0]
    )  # no reply thread


def test_a_pause_does_not_hold_the_card_back(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    # Bob paused and so did Alice: a pause silences closeness invitations, not a call for care.
    pause.start_pause(membership=active_membership(bob))
    pause.start_pause(membership=active_membership(alice))
    write_card(alice, send=True)
    tap(client, alice, django_capture_on_commit_callbacks)
    assert Prompt.objects.filter(user=bob).count() == 1


def test_the_card_does_not_use_up_the_days_one_prompt(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    write_card(alice, send=True)
    tap(client, alice, django_capture_on_commit_callbacks)
    tap(client, alice, django_capture_on_commit_callbacks)
    assert Prompt.objects.filter(user=bob, counts_toward_daily_limit=False).count() == 2


def test_nothing_is_kept_unless_asked_and_the_list_is_private(
    client, alice, bob, couple, django_capture_on_commit_callbacks
):
    write_card(alice, send=False)
    tap(client, alice, django_capture_on_commit_callbacks)
    assert not FloodedMoment.objects.exists()
    write_card(alice, send=False, history=True)
    tap(client, alice, django_capture_on_commit_callbacks)
    assert FloodedMoment.objects.filter(user=alice).count() == 1
    page = client.get(reverse("steadying:history")).content.decode()
    assert "isn't a score" in page
    assert " times" not in page  # nothing counts
    client.force_login(bob)
    assert (
        "your card went"
        not in client.get(reverse("steadying:history")).content.decode()
    )
    # Turning the list off lets it go.
    write_card(alice, send=False, history=False)
    assert not FloodedMoment.objects.exists()


def test_an_outsider_or_a_therapist_never_sees_the_card(
    client, alice, couple, charlie, theo
):
    write_card(alice, send=True)
    for person in (charlie, theo):
        client.force_login(person)
        assert client.get(reverse("steadying:partner_card")).status_code == 404


def test_the_card_editor_saves_sealed_text(client, alice, couple):
    client.force_login(alice)
    response = client.post(
        reverse("steadying:card"),
        {
            "helps": "Tell me where you were today.",
            "does_not_help": "Jokes.",
            "send_to_partner": "on",
        },
    )
    assert response.status_code == 302
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT helps, does_not_help FROM steadying_card")
        raw = cursor.fetchone()
    assert "where you were" not in raw[0]
    assert "Jokes" not in raw[1]
    assert (
        "Tell me where you were today."
        in client.get(reverse("steadying:card")).content.decode()
    )
