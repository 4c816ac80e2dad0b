"""Production-like environments and a real gunicorn for the security tests."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)

# Switches tests/pyproject set for plain-http testing; production never has them.
TEST_ONLY = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "MAIL_FOLDER",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "mend.example,127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://mend.example",
        "SITE_URL": "https://mend.example",
        "EMAIL_HOST": "localhost",
        "FIELD_ENCRYPTION_KEYS": os.environ["FIELD_ENCRYPTION_KEYS"],
        "PLAIN_STATIC": "true",  # no collectstatic in tests; production uses the manifest
    }
    return env | overrides


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving Mend over the test database, behind a (pretend) TLS-terminating proxy."""

    def __init__(self, secret_key: str, log: Path, **env_overrides: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = production_env(
            SECRET_KEY=secret_key,
            DATABASE_URL=database_url(),
            BEHIND_PROXY="true",
            **env_overrides,
        )
        self.log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-w",
                "1",
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start: {log.read_text()[-2000:]}")

    def get(self, path: str, cookies: dict[str, str] | None = None):
        """(status, headers as a list of (name, value)); redirects are not followed."""
        request = urllib.request.Request(
            self.url + path,
            headers={
                "X-Forwarded-Proto": "https",
                "Host": "127.0.0.1",
                **(
                    {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
                    if cookies
                    else {}
                ),
            },
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers.items()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.items()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
