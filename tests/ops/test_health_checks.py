"""The containers' health checks, against a real gunicorn and a real celery beat."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from config import healthcheck
from tests.security.production import BASE_DIR, Gunicorn


def test_the_check_uses_a_host_the_app_allows():
    assert healthcheck.host_for_check("mend.example.org,www.mend.example.org") == (
        "mend.example.org"
    )
    assert healthcheck.host_for_check(".example.org") == "example.org"
    assert healthcheck.host_for_check("*, clinic.example") == "clinic.example"


@pytest.fixture
def production_server(tmp_path, transactional_db):
    # As in a container behind a proxy: 127.0.0.1 is not an allowed host, and plain http redirects.
    server = Gunicorn(
        settings.SECRET_KEY,
        tmp_path / "gunicorn.log",
        ALLOWED_HOSTS="mend.example",
        SECURE_SSL_REDIRECT="true",
    )
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_r42_the_web_check_passes_on_a_healthy_production_server(production_server):
    url = f"{production_server.url}/healthz"
    assert healthcheck.web_is_healthy(url, allowed_hosts="mend.example")
    # What the old check did: Host 127.0.0.1 is refused, so a healthy container looked broken.
    assert not healthcheck.web_is_healthy(url, allowed_hosts="127.0.0.1")


@pytest.mark.django_db(transaction=True)
def test_only_the_health_check_is_exempt_from_the_https_redirect(production_server):
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def status(path):
        request = urllib.request.Request(
            production_server.url + path, headers={"Host": "mend.example"}
        )
        try:
            with opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status("/healthz") == 200
    assert status("/") == 301


def test_the_web_check_fails_when_nothing_answers():
    assert not healthcheck.web_is_healthy(
        "http://127.0.0.1:9/healthz", allowed_hosts="mend.example"
    )


def test_r42_beat_writes_a_heartbeat_the_check_reads(tmp_path):
    heartbeat = tmp_path / "heartbeat"
    env = os.environ | {"BEAT_HEARTBEAT_FILE": str(heartbeat)}
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--scheduler",
            "config.beat:HeartbeatScheduler",
            "--max-interval",
            "1",
            "--schedule",
            str(tmp_path / "schedule"),
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not heartbeat.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert healthcheck.beat_is_healthy(str(heartbeat))
        first = heartbeat.stat().st_mtime_ns
        deadline = time.monotonic() + 10
        while heartbeat.stat().st_mtime_ns == first and time.monotonic() < deadline:
            time.sleep(0.2)
        assert heartbeat.stat().st_mtime_ns != first, (
            "beat keeps touching it every tick"
        )
    finally:
        beat.terminate()
        beat.wait(timeout=10)
    stopped_at = heartbeat.stat().st_mtime
    # A beat that stopped ticking: the same file, read a few minutes on.
    assert not healthcheck.beat_is_healthy(
        str(heartbeat), now=stopped_at + healthcheck.BEAT_STALE_AFTER_SECONDS + 1
    )
    assert not healthcheck.beat_is_healthy(str(tmp_path / "never-written"))
