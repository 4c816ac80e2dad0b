"""Shared test setup: personas, fast settings, the browser, and loud failures in CI."""

import os
import shutil

import pytest
from django.conf import settings as django_settings

from config.celery import app as celery_app

from .accounts.factories import UserFactory
from .couples.factories import pair

CI = os.environ.get("CI", "").lower() == "true"
SQLITE_RUN = os.environ.get("MEND_TEST_DB", "").lower() == "sqlite"
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_sessionstart(session):
    # In CI every service is required: a missing one fails the run instead of skipping tests.
    # MEND_TEST_DB=sqlite asks for the embedded SQLite instead of PostgreSQL (`make test-sqlite`).
    engine = django_settings.DATABASES["default"]["ENGINE"]
    if SQLITE_RUN and engine != "django.db.backends.sqlite3":
        raise pytest.UsageError(
            "MEND_TEST_DB=sqlite but the database is not SQLite: unset DATABASE_URL"
        )
    if not CI:
        return
    missing = []
    if not SQLITE_RUN and engine != "django.db.backends.postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if not os.environ.get("REDIS_URL"):
        missing.append("Redis (REDIS_URL)")
    if not os.path.exists(CHROMIUM):
        missing.append(f"Chromium ({CHROMIUM})")
    if missing:
        raise pytest.UsageError("CI=true but these are missing: " + ", ".join(missing))


def real_clock_env() -> dict[str, str]:
    """The environment for programs that cannot run under `faketime` (the date-shift runs of
    `make test-dates`): Chromium and redis-server keep the real clock; Mend's own processes, the
    Celery workers included, live on the moved one."""
    return {
        key: value
        for key, value in os.environ.items()
        if key != "LD_PRELOAD" and not key.startswith("FAKETIME")
    }


def require_service(available: bool, what: str) -> None:
    """Skip locally when a service is absent; in CI that is a failure, except PostgreSQL in the
    SQLite run."""
    if available:
        return
    if SQLITE_RUN and what == "PostgreSQL":
        pytest.skip("PostgreSQL only: this run is on SQLite (MEND_TEST_DB=sqlite)")
    if CI:
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available here")


@pytest.fixture(autouse=True)
def _fast_and_local(settings, request):
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate limits (allauth's among them) live in the cache: each test starts with none spent, in a
    # cache of its own process, so clearing it never touches Redis, where the broker lives.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    cache.clear()
    # Tasks run in-process unless a test asks for a real worker.
    eager = "worker" not in request.keywords
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    celery_app.conf.task_eager_propagates = eager
    yield
    celery_app.conf.task_always_eager = previous


# Written content (exercises, consent menu, crisis lines, prompt texts) comes from
# `manage.py load_content`, not from migrations: each test database gets it once, after migrating.
# A transactional test (browser, worker) ends with a flush that empties every table, so tests after
# it in the same process put the content back first.
@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from today.management.commands.load_content import load_all

    with django_db_blocker.unblock():
        load_all()


@pytest.fixture(autouse=True)
def _seeded_content(request):
    from today.management.commands.load_content import load_all

    # Seed for every test that reaches the database: by its marker, or through a fixture (alice
    # asks for `db`) when it has none.
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transactional = marker.kwargs.get("transaction", False) or (
            marker.args and marker.args[0]
        )
    elif "transactional_db" in request.fixturenames:
        transactional = True
    elif "db" in request.fixturenames:
        transactional = False
    else:
        yield
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    browser = (
        request.getfixturevalue("browser")
        if "browser" in request.fixturenames
        else None
    )
    from repair.models import Phase

    if not Phase.objects.exists():
        load_all()
    yield
    # This runs before the database fixture's own teardown, so before the flush.
    if transactional:
        _quiet_the_database(browser)


def _quiet_the_database(browser) -> None:
    """Leaves no other connection holding locks when a transactional test's flush begins.

    A browser may still be polling the live server, and a worker subprocess may still be connected:
    their open transactions deadlock the TRUNCATE that empties the tables. Close the browser
    windows first, so no new request arrives, then end every other session on this test database.
    """
    from django.db import connection

    if browser is not None:
        for context in browser.contexts:
            context.close()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def alice(db):
    """Alice was hurt; she is paired with Bob."""
    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", display_name="Bob")


@pytest.fixture
def couple(alice, bob):
    return pair(alice, bob)


@pytest.fixture
def charlie(db):
    """An outsider with a couple of his own."""
    charlie = UserFactory(email="charlie@example.com", display_name="Charlie")
    pair(charlie, UserFactory(email="dana@example.com", display_name="Dana"))
    return charlie


@pytest.fixture
def theo(db):
    """A therapist with no grant from anyone yet."""
    from therapists.models import TherapistProfile

    theo = UserFactory(email="theo@example.com", display_name="Theo")
    TherapistProfile.objects.create(
        user=theo, practice="Theo Practice", registration="T-1"
    )
    return theo


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_service(os.path.exists(CHROMIUM), "Chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
        "env": real_clock_env(),
    }


@pytest.fixture
def celery_worker_process(tmp_path):
    """Starts real Celery workers against Redis and the test database, on a queue of this test's own."""
    import subprocess
    import sys
    import uuid

    from django.db import connection

    require_service(bool(os.environ.get("REDIS_URL")), "Redis")
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MAIL_FOLDER": str(tmp_path / "mail"),
        "CELERY_QUEUE": queue,
    }
    processes = []

    def start(*extra_args: str, **env_overrides: str) -> subprocess.Popen:
        log = open(tmp_path / f"worker-{len(processes)}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
                *extra_args,
            ],
            cwd=django_settings.BASE_DIR,
            env=env | env_overrides,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        return process

    start.mail_folder = tmp_path / "mail"
    start.processes = processes
    start.queue = queue
    yield start
    for process, log in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        log.close()
    celery_app.conf.task_default_queue = previous_queue


@pytest.fixture
def other_couple_with_data(charlie):
    """Charlie and Dana, with things of their own: a couple further along, a shared and a
    private entry, today's check-ins and a question. Beside Alice and Bob, a lookup that ignores
    who is asking shows the wrong couple's things instead of finding no couple at all."""
    from types import SimpleNamespace

    from django.utils import timezone

    from checkins.daily import record_checkin
    from checkins.models import SAFETY_FIELDS
    from couples.models import Membership
    from journal.models import Entry
    from repair import journey, questions

    # Read without couples.access, so a broken lookup fails the tests, not this fixture.
    charlie_m = Membership.objects.active().select_related("couple").get(user=charlie)
    dana_m = charlie_m.couple.memberships.active().exclude(user=charlie).get()
    dana = dana_m.user
    # Charlie was hurt, so his suggestion moves them on at once: they are a phase ahead.
    journey.propose_advance(membership=charlie_m)
    shared = Entry.objects.create(
        author=dana,
        written_on="2026-01-10",
        body="dana-shared-canary",
        shared_in=charlie_m.couple,
        shared_with_partner_at=timezone.now(),
    )
    private = Entry.objects.create(
        author=charlie, written_on="2026-01-11", body="charlie-private-canary"
    )
    scores = dict.fromkeys(SAFETY_FIELDS, 4)
    for person, membership in ((charlie, charlie_m), (dana, dana_m)):
        record_checkin(
            user=person,
            membership=membership,
            light="green",
            scores=scores,
            note=f"{person.display_name.lower()}-checkin-canary",
            note_shared=True,
        )
    question = questions.ask(membership=charlie_m, text="charlie-question-canary")
    return SimpleNamespace(
        couple=charlie_m.couple,
        charlie=charlie,
        dana=dana,
        shared_entry=shared,
        private_entry=private,
        question=question,
    )
