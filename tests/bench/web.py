"""Benchmark: Mend's pages side by side with a bare Django view, through gunicorn, measured with wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mend_bench REDIS_URL=redis://127.0.0.1:6379/0 \
        uv run --no-sync python tests/bench/web.py [--couples 10000] [--seconds 15] [--connections 4]

It seeds the database with `seed_bench` when it holds fewer couples than asked, starts gunicorn
(production-like settings, DEBUG off, Redis cache) on 127.0.0.1, signs in as a seeded partner and
runs wrk against each endpoint in turn. It prints requests/s, p50/p95/p99, errors, HTML bytes and
queries per page, and each endpoint's throughput as a ratio of the bare view measured in the same run.
Needs wrk (apt-get install -y wrk). A script that prints figures: nothing here asserts a time.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PORT = 8765
ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    # Required with DEBUG off (links in emails start with it).
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "EMAIL_HOST": "localhost",
    "BEHIND_PROXY": "true",
    "FIELD_ENCRYPTION_KEYS": os.environ.get(
        "FIELD_ENCRYPTION_KEYS", "bench:" + "A" * 43
    ),
    "LOG_LEVEL": "WARNING",
}
os.environ.update({k: v for k, v in ENV.items() if k not in os.environ or k == "DEBUG"})
# Mend's settings plus the seeding command and the bare view (tests/bench/settings.py).
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"

import django  # noqa: E402

django.setup()

from importlib import import_module  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from couples.models import Couple  # noqa: E402
from repair.models import ExerciseSession  # noqa: E402


def signed_in_cookie(user) -> str:
    """A session as a real sign-in leaves it (core.middleware.stamp_new_session included)."""
    from core.middleware import SessionLifetimeMiddleware

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = int(time.time())
    session[SessionLifetimeMiddleware.SIGNED_IN_AT] = now
    session[SessionLifetimeMiddleware.LAST_SEEN] = now
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def therapist_with_grants(couple):
    """A bench therapist in this couple's care team, with both partners' full consent (idempotent)."""
    from couples import care
    from couples.models import ShareCategory
    from therapists.models import TherapistProfile

    therapist, _ = User.objects.get_or_create(
        email="bench-therapist@example.org",
        defaults={"display_name": "Bench Therapist", "password": "!"},
    )
    TherapistProfile.objects.get_or_create(
        user=therapist,
        defaults={
            "practice": "Bench",
            "registration": "0",
            "approved_at": timezone.now(),
        },
    )
    members = list(couple.memberships.active())
    everything = dict.fromkeys(ShareCategory.values, True)
    invite = care.invite_therapist(
        membership=members[0], email=therapist.email, choices=everything
    )
    care.give_grant(invite=invite, membership=members[1], choices=everything)
    care.accept_invite(invite=invite, therapist=therapist)
    return therapist, invite


def endpoints(user) -> list[tuple[str, str, dict]]:
    session = (
        ExerciseSession.objects.filter(couple__memberships__user=user)
        .order_by("-pk")
        .first()
    )
    found = [
        ("bare view", "/bench/bare/", {}),
        ("home", "/", {}),
        ("repair", "/repair/", {}),
        ("check-in", "/checkins/", {}),
        ("journal list", "/journal/", {}),
    ]
    if session:
        live = f"/repair/sessions/{session.code}/live/"
        found.append(("session live (304)", live, {"If-None-Match": etag_of(live)}))
    return found


def etag_of(path: str) -> str:
    """The ETag a screen holds after showing the room (the first poll renders it)."""
    from repair import live

    code = path.split("/")[3]
    return live.current_etag(code)


def queries_and_bytes(cookie: str, path: str, headers: dict) -> tuple[int, int]:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    name, _, value = cookie.partition("=")
    client.cookies[name] = value
    client.get(
        path, headers=headers
    )  # as in the measured run: not the session's first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    return len(queries), len(response.content)


def wrk(path: str, headers: dict, cookie: str, seconds: int, connections: int) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "-s",
        str(ROOT / "tests/bench/report.lua"),
        "-H",
        f"Cookie: {cookie}",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(output.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def run(name, path, headers, cookie, args, bare):
    """Measures one endpoint and prints its row; returns the bare view's throughput for the ratios.

    With --paired, the bare view is measured again just before each endpoint and the ratio is taken
    against that run: on a machine shared with other work, load changes within a run's minutes.
    """
    queries, size = queries_and_bytes(cookie, path, headers)
    wrk(path, headers, cookie, 2, args.connections)  # warm up
    if bare and args.paired:
        bare = wrk("/bench/bare/", {}, cookie, args.seconds, args.connections)["rps"]
    result = wrk(path, headers, cookie, args.seconds, args.connections)
    bare = bare or result["rps"]
    print(
        f"{name:<22}{result['rps']:>9.0f}{result['rps'] / bare:>8.2f}{result['p50']:>9.1f}{result['p95']:>9.1f}"
        f"{result['p99']:>9.1f}{result['errors']:>8}{size:>9}{queries:>9}"
    )
    return bare


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--couples", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated endpoint names to measure (default: all), e.g. 'bare,live'",
    )
    parser.add_argument(
        "--paired",
        action="store_true",
        help="measure the bare view again just before each endpoint, for its ratio",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL.")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    call_command("migrate", verbosity=0)
    have = (
        Couple.objects.filter(memberships__user__email__startswith="bench-")
        .distinct()
        .count()
    )
    if have < args.couples:
        call_command("seed_bench", couples=args.couples)
    call_command("collectstatic", verbosity=0, interactive=False)
    user = User.objects.get(email="bench-0-a@example.org")
    cookie = signed_in_cookie(user)

    server = subprocess.Popen(
        [
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        print(
            f"{args.couples:,} couples seeded; gunicorn -w {args.workers}; wrk -c{args.connections} -d{args.seconds}s\n"
        )
        print(
            f"{'endpoint':<22}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'bytes':>9}{'queries':>9}"
        )
        bare = None
        wanted = [part for part in args.only.split(",") if part]

        def chosen(name: str) -> bool:
            return not wanted or any(part in name for part in wanted)

        for name, path, headers in endpoints(user):
            if chosen(name) or name == "bare view":
                bare = run(name, path, headers, cookie, args, bare)
        if not chosen("therapist couple page"):
            return
        couple = Couple.objects.get(
            memberships__user=user, memberships__left_at__isnull=True
        )
        therapist, invite = therapist_with_grants(couple)
        therapist_cookie = signed_in_cookie(therapist)
        run(
            "therapist couple page",
            f"/therapist/couples/{invite.code}/",
            {},
            therapist_cookie,
            args,
            bare,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
