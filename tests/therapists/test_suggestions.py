"""A therapist suggests an exercise; it shows on Repair, to take up or set aside."""

import pytest
from django.urls import reverse

from repair.models import Exercise, Suggestion

from .conftest import HTMX
from .factories import full_access, make_therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(couple, alice, bob, theo):
    make_therapist(theo)
    return full_access(couple, theo, alice, bob)


@pytest.fixture
def exercise(db):
    return Exercise.objects.published().order_by("phase__order", "order").first()


def suggest(client, theo, made, exercise, **data):
    client.force_login(theo)
    return client.post(
        reverse("therapists:suggest", args=[made.code]),
        {"exercise": str(exercise.code), "for_whom": "both", **data},
        headers=HTMX,
    )


def test_a_suggestion_shows_on_both_partners_repair_page(
    client, made, theo, alice, bob, exercise
):
    response = suggest(client, theo, made, exercise, note="When you both feel ready")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="suggest">')
    for person in (alice, bob):
        client.force_login(person)
        page = client.get(reverse("repair:index")).text
        assert "Suggested by your therapist" in page
        assert "When you both feel ready" in page


def test_a_suggestion_for_one_partner_shows_only_to_them(
    client, made, theo, alice, bob, exercise
):
    suggest(client, theo, made, exercise, for_whom=str(bob.pk))
    client.force_login(alice)
    assert "Suggested by your therapist" not in client.get(reverse("repair:index")).text
    client.force_login(bob)
    assert "Suggested by your therapist" in client.get(reverse("repair:index")).text


def test_taking_it_up_opens_the_exercise_and_setting_aside_hides_it(
    client, made, theo, alice, exercise
):
    suggest(client, theo, made, exercise)
    suggestion = Suggestion.objects.get()
    client.force_login(alice)
    response = client.post(reverse("therapists:take_up", args=[suggestion.code]))
    assert response.url == reverse("repair:exercise", args=[exercise.code])
    suggest(client, theo, made, exercise)
    second = Suggestion.objects.filter(taken_up_at__isnull=True).get()
    client.force_login(alice)
    client.post(reverse("therapists:set_aside", args=[second.code]))
    assert "Suggested by your therapist" not in client.get(reverse("repair:index")).text


def test_outsiders_and_the_wrong_method_are_refused(
    client, made, theo, charlie, alice, exercise
):
    suggest(client, theo, made, exercise)
    suggestion = Suggestion.objects.get()
    for person in (charlie, theo):
        client.force_login(person)
        assert (
            client.post(
                reverse("therapists:take_up", args=[suggestion.code])
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("therapists:set_aside", args=[suggestion.code])
            ).status_code
            == 404
        )
    client.force_login(alice)
    assert (
        client.get(reverse("therapists:set_aside", args=[suggestion.code])).status_code
        == 405
    )
    client.logout()
    response = client.post(reverse("therapists:take_up", args=[suggestion.code]))
    assert response.url.startswith(reverse("account_login"))


def test_an_exercise_beyond_a_shared_phase_cannot_be_suggested(client, made, theo):
    from repair import journey

    journey.journey_for(made.couple)
    later = Exercise.objects.published().order_by("-phase__order").first()
    response = suggest(client, theo, made, later)
    assert response.status_code == 422
    assert not Suggestion.objects.exists()
