"""What a partner reads on the check-in page when the other has a red day, by role."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from checkins import daily
from checkins.models import Light
from couples.access import active_membership
from couples.models import Role
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db

SCORES = {"safe": 3, "not_performing": 4, "can_say_no": 2, "can_say_yes": 3, "equal": 5}


def check_in(user, light: str) -> None:
    daily.record_checkin(
        user=user, membership=active_membership(user), light=light, scores=SCORES
    )


def red_day_seen_by(client, viewer, partner) -> str:
    check_in(partner, Light.RED)
    check_in(viewer, Light.GREEN)
    client.force_login(viewer)
    response = client.get("/checkins/")
    assertContains(response, "Today is a red day")
    return response


def test_the_hurt_partner_is_never_asked_to_hide_their_hurt(client, alice, bob, couple):
    # Alice was hurt; Bob, who broke trust, has a red day.
    response = red_day_seen_by(client, alice, bob)
    assertContains(
        response,
        "Bob has asked for no closeness today. That's theirs to ask, and it can"
        " still sting. If it brings up hurt or worry, that makes sense.",
    )
    assertContains(response, "is here for it, and you can talk about it together")
    assertContains(response, 'href="/journal/"')
    assertNotContains(response, "Showing hurt or disappointment")
    assertNotContains(response, "verdict")
    assertNotContains(response, "Things to leave for today")


def test_the_partner_who_broke_trust_keeps_the_guidance(client, alice, bob, couple):
    response = red_day_seen_by(client, bob, alice)
    assertContains(response, "Alice has asked for no closeness today.")
    assertContains(response, "Things to leave for today")
    assertContains(response, "Showing hurt or disappointment at the answer.")
    assertNotContains(response, "needs no closeness")
    assertNotContains(response, "That's theirs to ask")


def test_partners_who_both_broke_trust_keep_the_guidance(client):
    sam = UserFactory(display_name="Sam")
    kit = UserFactory(display_name="Kit")
    pair(sam, kit, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    response = red_day_seen_by(client, sam, kit)
    assertContains(response, "Kit has asked for no closeness today.")
    assertContains(response, "Things to leave for today")
    assertNotContains(response, "That's theirs to ask")
