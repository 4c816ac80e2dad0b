from unittest import mock

import pytest

from config.celery import app as celery_app
from tests.core.test_redis_outage import hard_timeout, redis_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_reports_database_and_broker_as_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


def test_it_answers_503_when_the_broker_is_unreachable(client):
    with mock.patch(
        "today.views.celery_app.connection_for_write",
        side_effect=ConnectionError("down"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_it_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("today.views.connection.cursor", side_effect=Exception("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.fixture
def broker_redis(redis_cache, monkeypatch):  # noqa: F811 (the fixture imported above)
    """The broker in the same Redis of the test's own as the cache, as in production."""
    monkeypatch.setitem(celery_app.conf, "broker_url", redis_cache.url)
    return redis_cache


def test_it_reports_a_redis_of_its_own_as_healthy(client, broker_redis):
    with hard_timeout(5):
        response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.parametrize("outage", ["kill", "freeze"])
def test_it_answers_503_within_two_seconds_when_redis_is_down_or_frozen(
    client, broker_redis, outage
):
    getattr(broker_redis, outage)()
    # A guard against hanging (the load balancer's own check gives up), not a speed test.
    with hard_timeout(2):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
