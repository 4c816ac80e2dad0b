"""Queueing a task while the broker is down never fails or hangs a request.

The broker is a Redis of this test's own, with the production client settings. With it stopped,
and with it frozen (SIGSTOP, so connections open but nothing answers), a person invites their
partner by email and shares a journal entry: each request answers (a 10 s guard fails a hang), the
action itself is done, and where it matters the page says the email could not be sent now. How long
"a moment" is comes from the client settings (one try, 1 s to connect, 1.5 s to answer), checked
below as settings: wall time on a busy machine says nothing about the code.
Transactional: tasks are queued after the commit, as in production.
"""

import logging
import shutil
import signal
from contextlib import contextmanager

import pytest
import redis
from django.test import Client
from kombu import pools as kombu_pools

from config.celery import app as celery_app
from core.tasks import REQUEST_PUBLISH
from couples.models import Invitation
from journal.models import Entry
from prompts.models import Kind, Prompt
from prompts.preferences import preferences_for
from tests.conftest import require_service
from tests.journal.factories import EntryFactory
from tests.prompts.test_redis_restart import PrivateRedis

pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HX-Request": "true"}
PARTNER_EMAIL = "someone-dear@example.com"


class Hung(BaseException):
    """Not an Exception, so no `except Exception` on the way swallows it."""


@contextmanager
def hard_timeout(seconds: float):
    """Fails the block if it has not returned after `seconds`: a guard against hanging."""

    def hung(signum, frame):
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fresh_broker_connections() -> None:
    """Forget pooled broker connections, as a new web process would."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu also keeps producer pools process-wide, keyed by connection: one left holding the
    # closed pool above answers "Acquire on closed pool" to every later test that queues a task.
    kombu_pools.reset()


@pytest.fixture
def broker(tmp_path, settings):
    """The Celery broker in a Redis of this test's own; tasks are sent, not run in-process."""
    require_service(bool(shutil.which("redis-server")), "redis-server")
    server = PrivateRedis(tmp_path)
    server.start()
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = server.url
    celery_app.conf.task_always_eager = False  # the autouse fixture puts it back
    _fresh_broker_connections()
    yield server
    if server.process.poll() is None:
        server.process.kill()  # also ends a frozen one
        server.process.wait(timeout=10)
    celery_app.conf.broker_url = previous
    _fresh_broker_connections()


def stop(server) -> None:
    server.stop(signal.SIGKILL)


def freeze(server) -> None:
    server.process.send_signal(signal.SIGSTOP)


def queued(server) -> int:
    return redis.Redis.from_url(server.url).llen(celery_app.conf.task_default_queue)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answered(call):
    """The response to `call`; a request still waiting after 10 s is a hang, and fails."""
    with hard_timeout(10):
        return call()


def invite_by_email(client, couple):
    return client.post(
        f"/couples/{couple.code}/invite/", {"email": PARTNER_EMAIL}, headers=HTMX
    )


@pytest.fixture
def alone(alice):
    """Alice has started a couple and is inviting her partner."""
    from couples import pairing

    return pairing.start_couple(user=alice, role="injured")


def test_a_request_gives_the_broker_one_short_try(settings):
    # Together these bound what a person waits for a broker that is down or frozen: one try,
    # at most a second to connect and a second and a half for an answer.
    assert REQUEST_PUBLISH == {"retry": False}
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 1
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if "socket_timeout" not in options:
        pytest.skip("without Redis the broker is a folder: nothing to wait for")
    assert options["socket_connect_timeout"] <= 1
    assert options["socket_timeout"] <= 1.5


def test_with_the_broker_up_the_invitation_email_is_queued(broker, alice, alone):
    response = answered(lambda: invite_by_email(signed_in(alice), alone))
    assert response.status_code == 200
    assert "we&#x27;ve sent it to the address you gave" in response.text
    assert queued(broker) == 1


@pytest.mark.parametrize("outage", [stop, freeze], ids=["stopped", "frozen"])
def test_an_invitation_during_a_broker_outage_is_made_and_the_page_says_the_email_waits(
    broker, alice, alone, outage, caplog
):
    client = signed_in(alice)
    client.get(
        "/"
    )  # a warm web process: its pooled broker connection, if any, is now stale
    outage(broker)
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        response = answered(lambda: invite_by_email(client, alone))
    assert response.status_code == 200
    invitation = Invitation.objects.get(couple=alone, revoked_at__isnull=True)
    assert invitation.email == PARTNER_EMAIL
    assert "couldn&#x27;t send the email just now" in response.text
    assert invitation.token in response.text  # the link, there to copy
    assert f'value="{PARTNER_EMAIL}"' in response.text  # and to send again
    assert "Could not queue couples.tasks.send_invitation_email" in caplog.text
    assert PARTNER_EMAIL not in caplog.text


@pytest.mark.parametrize("outage", [stop, freeze], ids=["stopped", "frozen"])
def test_a_share_during_a_broker_outage_is_made_without_its_nudge(
    broker, alice, bob, couple, outage
):
    preferences_for(bob)
    entry = EntryFactory(author=alice, body="what I wrote before the outage")
    outage(broker)
    response = answered(
        lambda: signed_in(alice).post(
            f"/journal/{entry.code}/sharing/", {"with_partner": "on"}, headers=HTMX
        )
    )
    assert response.status_code == 200
    assert Entry.objects.shared_with(bob).filter(pk=entry.pk).exists()
    # The nudge is in Bob's inbox all the same, made without the broker.
    assert Prompt.objects.filter(user=bob, kind=Kind.SHARED).count() == 1


def test_without_htmx_the_invitation_page_also_answers_calmly(broker, alice, alone):
    stop(broker)
    response = answered(
        lambda: signed_in(alice).post(
            f"/couples/{alone.code}/invite/", {"email": PARTNER_EMAIL}, follow=True
        )
    )
    assert response.status_code == 200
    assert "couldn&#x27;t send the email just now" in response.text


def test_after_the_broker_restarts_the_next_email_is_queued(broker, alice, alone):
    client = signed_in(alice)
    invite_by_email(client, alone)  # the web process now holds a broker connection
    broker.restart(signal.SIGKILL)
    response = answered(lambda: invite_by_email(client, alone))
    assert "we&#x27;ve sent it to the address you gave" in response.text
    assert queued(broker) >= 1
