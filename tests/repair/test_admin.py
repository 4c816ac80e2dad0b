"""Staff edit the content library, see how an exercise renders, and restore earlier text."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from repair.models import Exercise, ExerciseVersion, Phase
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff

from .conftest import exercise_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True, display_name="Sam Staff")


@pytest.fixture
def staff_client(client, staff):
    return sign_in_staff(client, staff)


def test_seeded_exercises_start_with_their_original_text_as_version_one():
    exercise = Exercise.objects.get(slug="holding-hands")
    version = exercise.versions.get()
    assert version.number == 1
    assert version.content["instructions"] == exercise.instructions


def test_the_change_page_shows_a_safe_preview(staff_client):
    exercise = Exercise.objects.get(slug="long-hug")
    exercise.instructions = "1. **Stand** close.\n\n<script>alert(1)</script>"
    exercise.save()
    response = staff_client.get(f"/admin/repair/exercise/{exercise.pk}/change/")
    assertContains(response, "How it looks to a couple")
    assertContains(response, "<strong>Stand</strong>")
    assertNotContains(response, "<script>alert(1)</script>")


def test_an_edit_is_saved_as_a_new_version_with_who_and_when(staff_client, staff):
    exercise = Exercise.objects.get(slug="long-hug")
    response = staff_client.post(
        f"/admin/repair/exercise/{exercise.pk}/change/",
        exercise_form_data(exercise, instructions="Hold each other, gently."),
    )
    assert response.status_code == 302
    latest = exercise.versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.saved_by == staff
    assert latest.content["instructions"] == "Hold each other, gently."
    page = staff_client.get(f"/admin/repair/exercise/{exercise.pk}/change/")
    assertContains(page, "Look at this version or restore it")
    assertContains(page, "Sam Staff")


def test_staff_can_look_at_an_earlier_version_and_restore_it(staff_client, staff):
    exercise = Exercise.objects.get(slug="long-hug")
    original = exercise.instructions
    staff_client.post(
        f"/admin/repair/exercise/{exercise.pk}/change/",
        exercise_form_data(exercise, instructions="A changed text."),
    )
    page = staff_client.get(f"/admin/repair/exercise/{exercise.pk}/versions/1/")
    assertContains(page, "Restore this version")
    assertContains(page, "Stand")  # the original wording, rendered

    response = staff_client.post(f"/admin/repair/exercise/{exercise.pk}/versions/1/")
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.instructions == original
    restored = exercise.versions.order_by("-number").first()
    assert restored.number == 3
    assert restored.note == "Restored version 1"
    assert restored.saved_by == staff
    # The text that was replaced is still there to come back to.
    assert (
        ExerciseVersion.objects.get(exercise=exercise, number=2).content["instructions"]
        == "A changed text."
    )


def test_a_new_exercise_can_be_added_and_gets_its_first_version(staff_client):
    exercise = Exercise.objects.get(slug="long-hug")
    response = staff_client.post(
        "/admin/repair/exercise/add/",
        exercise_form_data(exercise, slug="a-new-one", title="A new one"),
    )
    assert response.status_code == 302
    assert Exercise.objects.get(slug="a-new-one").versions.get().note == "Created"


def test_people_who_are_not_staff_cannot_restore(client, alice):
    exercise = Exercise.objects.get(slug="long-hug")
    client.force_login(alice)
    response = client.post(f"/admin/repair/exercise/{exercise.pk}/versions/1/")
    assert response.status_code == 302
    assert exercise.versions.count() == 1


@pytest.mark.parametrize("path", ["/admin/repair/phase/", "/admin/repair/exercise/"])
def test_staff_can_open_the_content_pages(staff_client, path):
    assert staff_client.get(path).status_code == 200


def test_staff_can_open_a_phase(staff_client):
    phase = Phase.objects.first()
    assert (
        staff_client.get(f"/admin/repair/phase/{phase.pk}/change/").status_code == 200
    )


def test_the_admin_registers_nothing_a_couple_writes(staff_client):
    for model in [
        "letter",
        "reflection",
        "question",
        "answerversion",
        "exercisesession",
    ]:
        assert staff_client.get(f"/admin/repair/{model}/").status_code == 404
