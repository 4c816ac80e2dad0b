"""R28: Redis restarts, gently or not, and the prompts still arrive.

A Redis of this test's own (append-only, as in production) serves as the broker for a real worker.
Tasks queued before a restart complete after it, and a worker that saw Redis go away picks up a
task queued after it came back, within 30 seconds, for both a clean stop (SIGTERM) and a crash
(SIGKILL).
"""

import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
import redis

from config.celery import app as celery_app
from prompts.models import Prompt
from prompts.preferences import preferences_for
from prompts.tasks import send_event_prompt
from tests.conftest import real_clock_env, require_service
from tests.core.test_worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


class PrivateRedis:
    def __init__(self, folder):
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--appendonly",
                "yes",
                "--maxmemory-policy",
                "noeviction",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=real_clock_env(),
        )
        client = redis.Redis.from_url(self.url)
        wait_for(lambda: self._answers(client), timeout=10)

    @staticmethod
    def _answers(client) -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self, how: signal.Signals) -> None:
        self.process.send_signal(how)
        self.process.wait(timeout=10)

    def restart(self, how: signal.Signals) -> None:
        self.stop(how)
        self.start()


@pytest.fixture
def private_redis(tmp_path):
    require_service(bool(shutil.which("redis-server")), "redis-server")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=10)


def queue_a_prompt(server, queue, user_id) -> None:
    # A fresh connection each time, as a web process would make after Redis came back.
    with celery_app.connection_for_write(server.url) as connection:
        # A session reminder: unlike other prompts, as many as there are sessions in a day.
        send_event_prompt.apply_async(
            args=[user_id, "session", f"session:{uuid.uuid4()}"],
            connection=connection,
            queue=queue,
        )
    # appendonly with the default fsync (every second): let the write reach the disk, as any task
    # queued more than a moment before a crash would have.
    time.sleep(1.2)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_r28_prompts_survive_a_redis_restart(
    celery_worker_process, private_redis, bob, couple, how
):
    preferences_for(bob)
    queue = celery_worker_process.queue
    # Queued while no worker runs, then Redis goes down and comes back.
    for _ in range(2):
        queue_a_prompt(private_redis, queue, bob.pk)
    private_redis.restart(how)
    celery_worker_process("--pool=solo", REDIS_URL=private_redis.url)
    wait_for(lambda: Prompt.objects.filter(user=bob).count() == 2, timeout=30)

    # Redis goes down under a running worker; a task queued once it is back is done within 30 s.
    private_redis.restart(how)
    started = time.monotonic()
    queue_a_prompt(private_redis, queue, bob.pk)
    wait_for(lambda: Prompt.objects.filter(user=bob).count() == 3, timeout=30)
    assert time.monotonic() - started < 30
