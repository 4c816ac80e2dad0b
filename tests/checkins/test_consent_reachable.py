"""The consent menu can be found from the places that speak of it, and its early opening is explained."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from checkins.models import ConsentOptIn
from repair.journey import journey_for
from repair.models import Exercise, Journey, Phase

pytestmark = pytest.mark.django_db

LINK = 'href="/checkins/consent/"'


def _move_to_phase(couple, order: int) -> None:
    journey = journey_for(couple)
    Journey.objects.filter(pk=journey.pk).update(phase=Phase.objects.get(order=order))


def test_every_exercise_that_mentions_the_menu_links_to_it(client, alice, couple):
    client.force_login(alice)
    _move_to_phase(couple, 3)
    mentions = Exercise.objects.filter(instructions__icontains="consent menu")
    assert mentions.exists()
    for exercise in mentions:
        response = client.get(f"/repair/exercises/{exercise.code}/")
        assertContains(response, LINK)
    quiet = Exercise.objects.exclude(instructions__icontains="consent menu").first()
    assertNotContains(client.get(f"/repair/exercises/{quiet.code}/"), LINK)


def test_exercises_link_to_the_letter_and_question_box_they_name(client, alice, couple):
    client.force_login(alice)
    box = Exercise.objects.get(title="The question box")
    assertContains(
        client.get(f"/repair/exercises/{box.code}/"), 'href="/repair/questions/"'
    )


def test_the_third_phase_page_and_today_link_to_the_menu(client, alice, couple):
    client.force_login(alice)
    # Before the phase about intimacy, home doesn't put the menu in front of a couple in crisis.
    assertNotContains(client.get("/repair/"), LINK)
    assertNotContains(client.get("/"), LINK)
    _move_to_phase(couple, 3)
    assertContains(client.get("/repair/"), LINK)
    assertContains(client.get("/"), LINK)


def test_check_ins_link_to_the_menu_only_once_it_is_open(client, alice, bob, couple):
    client.force_login(alice)
    assertNotContains(client.get("/checkins/"), LINK)
    for person in (alice, bob):
        ConsentOptIn.objects.create(couple=couple, user=person)
    assertContains(client.get("/checkins/"), LINK)


def test_the_early_opening_says_what_it_means_and_that_nobody_is_told(
    client, alice, couple
):
    client.force_login(alice)
    response = client.get("/checkins/consent/")
    assertContains(response, "it doesn't mean anything has to happen")
    assertContains(
        response, "Your partner only learns you chose this if they choose it too"
    )


def test_early_opening_is_offered_quietly_from_the_touch_phase(client, alice, couple):
    client.force_login(alice)
    _move_to_phase(couple, 2)
    assertContains(client.get("/repair/"), LINK)
    assertNotContains(client.get("/"), LINK)
