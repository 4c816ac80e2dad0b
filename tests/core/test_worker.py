"""A real Celery worker, started as its own process, takes tasks from Redis and completes them."""

import time

import pytest

from core.tasks import ping
from couples import pairing
from couples.models import Role
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


# Generous: a worker process starting Django on a busy two-core machine can take a while, and
# waiting longer costs nothing when the work is done sooner.
def wait_for(condition, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the worker")


def test_a_worker_answers_a_ping_through_redis(celery_worker_process):
    celery_worker_process("--pool=solo")
    assert ping.delay().get(timeout=30) == "pong"


def test_a_worker_emails_an_invitation_after_the_commit(celery_worker_process):
    celery_worker_process("--pool=solo")
    robin = UserFactory(display_name="Robin")
    couple = pairing.start_couple(user=robin, role=Role.INJURED)
    invitation = pairing.create_invitation(
        membership=couple.memberships.get(), email="sam@example.com"
    )

    folder = celery_worker_process.mail_folder

    link = f"/join/{invitation.token}/"

    def written() -> list[str]:
        # The file appears a moment before the message is written into it: wait for its words.
        texts = [f.read_text() for f in folder.iterdir()] if folder.exists() else []
        return [text for text in texts if link in text]

    [message] = wait_for(written)
    assert "To: sam@example.com" in message
    assert "Robin" not in message
