"""After a couple ends, the person who didn't end it finds a calm word on home: what ended, that
their own writing is still theirs and where it is, and where to turn. It stays until they put it
away, for at most a month; the person who left isn't shown it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from couples.models import Membership
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

HEADING = "Your shared space with {} has ended"


def leave(client, user, couple):
    client.force_login(user)
    client.post(reverse("couples:leave", args=[couple.code]))


def test_the_person_left_finds_a_calm_word_with_their_writing(
    client, alice, bob, couple
):
    leave(client, bob, couple)
    assertNotContains(client.get("/"), "has ended")  # Bob left: he knows

    client.force_login(alice)
    home = client.get("/")
    assertContains(home, HEADING.format("Bob"))
    for place in ("journal:index", "privacy:safety"):
        assertContains(home, f'href="{reverse(place)}')
    # She wrote nothing on the Repair page: she isn't sent to look for it.
    assertNotContains(home, f'href="{reverse("repair:index")}#own-writing"')
    assertContains(home, "Go gently with yourself")
    # Starting again is there, folded, rather than the first thing asked of her.
    assertNotContains(home, "Begin when you're ready")
    assertContains(
        home, "<summary>Starting again, some other time</summary>", html=False
    )


def test_putting_it_away_is_for_good_and_only_for_oneself(client, alice, bob, couple):
    leave(client, bob, couple)
    client.force_login(alice)
    response = client.post(reverse("couples:put_away_ending"))
    assert response["Location"] == reverse("home")
    assertNotContains(client.get("/"), "has ended")
    assert Membership.objects.get(user=bob).ending_put_away_at is not None
    assert Membership.objects.get(user=alice).ending_put_away_at is not None


def test_it_fades_after_a_month(client, alice, bob, couple):
    leave(client, bob, couple)
    # Signed in afresh each time: a session doesn't live for weeks.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=29)):
        client.force_login(alice)
        assertContains(client.get("/"), HEADING.format("Bob"))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        client.force_login(alice)
        assertNotContains(client.get("/"), "has ended")


def test_when_the_partner_deleted_their_account_it_names_nobody(
    client, alice, bob, couple
):
    client.force_login(bob)
    client.post(reverse("privacy:delete"), {"password": PASSWORD})
    client.force_login(alice)
    home = client.get("/")
    assertContains(home, "Your shared space has ended")
    assertContains(home, "Your partner is no longer in Mend with you")


def test_a_new_couple_puts_the_old_ending_out_of_sight(client, alice, bob, couple):
    from couples import pairing

    leave(client, bob, couple)
    pairing.start_couple(user=alice, role="injured")
    client.force_login(alice)
    assertNotContains(client.get("/"), "has ended")


def test_the_word_names_the_repair_writing_she_has(client, alice, bob, couple):
    from repair import letters

    letter = letters.letter_for(Membership.objects.get(user=bob))
    sections = dict.fromkeys(letters.Letter.SECTIONS, "Bob's words")
    version = letters.send(letter=letter, sections=sections)
    letters.respond(
        version=version,
        membership=Membership.objects.get(user=alice),
        kind="not_yet",
        missing="Alice's own words",
    )
    leave(client, bob, couple)
    client.force_login(alice)
    home = client.get("/")
    assertContains(home, "your answers to a letter on the")
    assertContains(home, f'href="{reverse("repair:index")}#own-writing"')
    assertNotContains(home, "your letter,")
