"""The content library comes from the cache, and a change in the admin shows on the next page."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from repair import library
from repair.models import Exercise, Phase
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff
from tests.conftest import require_service

from .conftest import exercise_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(db):
    staff = Client()
    sign_in_staff(staff, UserFactory(is_staff=True, is_superuser=True))
    return staff


@pytest.fixture
def alice_client(client, alice, couple):
    client.force_login(alice)
    client.get("/repair/")  # the library is in the cache from here on
    return client


@pytest.fixture
def daily_honesty(db):
    return Exercise.objects.get(slug="daily-honesty")


def _change(staff_client, exercise: Exercise, **changes) -> None:
    response = staff_client.post(
        f"/admin/repair/exercise/{exercise.pk}/change/",
        exercise_form_data(exercise, **changes),
    )
    assert response.status_code == 302


def test_the_repair_page_reads_phases_and_exercises_from_the_cache(alice_client):
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get("/repair/")
    sql = " ".join(query["sql"] for query in queries)
    assert 'FROM "repair_phase"' not in sql
    assert 'FROM "repair_exercise"' not in sql
    assertContains(response, "A daily honesty check")
    assertContains(response, "Honesty and accountability")


def test_an_exercise_edited_in_the_admin_shows_at_once(
    alice_client, staff_client, daily_honesty
):
    _change(staff_client, daily_honesty, title="A gentle daily check-in")
    page = alice_client.get("/repair/")
    assertContains(page, "A gentle daily check-in")
    assertNotContains(page, "A daily honesty check")


def test_an_exercise_unpublished_in_the_admin_disappears_at_once(
    alice_client, staff_client, daily_honesty
):
    _change(staff_client, daily_honesty, published="")
    assertNotContains(alice_client.get("/repair/"), "A daily honesty check")


def test_an_exercise_added_in_the_admin_appears_at_once(
    alice_client, staff_client, daily_honesty
):
    response = staff_client.post(
        "/admin/repair/exercise/add/",
        exercise_form_data(daily_honesty, slug="a-new-one", title="A brand new one"),
    )
    assert response.status_code == 302
    assertContains(alice_client.get("/repair/"), "A brand new one")


def test_an_exercise_deleted_in_the_admin_disappears_at_once(
    alice_client, staff_client, daily_honesty
):
    response = staff_client.post(
        f"/admin/repair/exercise/{daily_honesty.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assertNotContains(alice_client.get("/repair/"), "A daily honesty check")


def test_a_phase_edited_in_the_admin_shows_at_once(alice_client, staff_client):
    phase = Phase.objects.get(order=1)
    fields = ["slug", "order", "title", "what_it_is", "what_it_is_not", "readiness"]
    data = {name: getattr(phase, name) for name in fields}
    data["purpose"] = "Telling the truth, one small step at a time."
    response = staff_client.post(f"/admin/repair/phase/{phase.pk}/change/", data)
    assert response.status_code == 302
    assertContains(alice_client.get("/repair/"), "one small step at a time")


def test_a_version_restored_in_the_admin_shows_at_once(
    alice_client, staff_client, daily_honesty
):
    _change(staff_client, daily_honesty, title="A changed title")
    assertContains(alice_client.get("/repair/"), "A changed title")
    response = staff_client.post(
        f"/admin/repair/exercise/{daily_honesty.pk}/versions/1/"
    )
    assert response.status_code == 302
    page = alice_client.get("/repair/")
    assertContains(page, "A daily honesty check")
    assertNotContains(page, "A changed title")


def test_rows_changed_without_signals_show_once_a_migration_finishes(
    alice_client, daily_honesty
):
    # Like a data migration's update: no save() and no post_save, so the cache can't know yet.
    Exercise.objects.filter(pk=daily_honesty.pk).update(title="Changed by a migration")
    assertNotContains(alice_client.get("/repair/"), "Changed by a migration")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assertContains(alice_client.get("/repair/"), "Changed by a migration")


def test_a_change_starts_a_new_version_now_and_again_when_it_commits(
    alice_client, daily_honesty, django_capture_on_commit_callbacks
):
    # Again on commit: another request may have cached the old rows while this one was open.
    before = cache.get(library.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        daily_honesty.save()
        during = cache.get(library.VERSION_KEY)
    after = cache.get(library.VERSION_KEY)
    assert len({before, during, after}) == 3


def test_the_page_works_without_a_cache(settings, client, alice, couple, daily_honesty):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    client.force_login(alice)
    assertContains(client.get("/repair/"), "A daily honesty check")
    daily_honesty.title = "Read straight from the database"
    daily_honesty.save()
    assertContains(client.get("/repair/"), "Read straight from the database")


def test_the_page_works_with_redis(settings, client, alice, couple, daily_honesty):
    url = os.environ.get("REDIS_URL")
    require_service(bool(url), "Redis")
    prefix = f"test-library-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        client.force_login(alice)
        assertContains(client.get("/repair/"), "A daily honesty check")
        assert cache.get(library.VERSION_KEY)
        daily_honesty.title = "Edited while Redis holds the library"
        daily_honesty.save()
        assertContains(client.get("/repair/"), "Edited while Redis holds the library")
    finally:
        # Only this test's keys: the same Redis may hold the broker's queues.
        redis = cache._cache.get_client(write=True)
        for key in redis.scan_iter(f"{prefix}:*"):
            redis.delete(key)
