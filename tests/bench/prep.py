"""Benchmark: the therapist's session-prep page beside their couple page, for a couple with a year
of weekly measures from both partners (5 measures x 52 weeks x 2 people), through gunicorn and wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mend_bench REDIS_URL=redis://127.0.0.1:6379/0 \
        uv run --no-sync python tests/bench/prep.py [--couples 200] [--seconds 10] [--connections 4]

Seeds like tests/bench/web.py (seed_bench), adds the year of measures to the first bench couple once,
and prints the same columns as web.py for the bare view, the couple page and the prep page (since a
year ago, so the whole year is read). Nothing here asserts a time.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# Importing web sets Django up with the bench settings, so the app's modules are imported after it,
# inside the functions.
from tests.bench import web  # noqa: E402

WEEKS = 52


def a_year_of_measures(couple) -> int:
    """Both partners answer every measure weekly for a year (idempotent)."""
    from django.utils import timezone

    from measures.models import Instrument, Response

    if Response.objects.filter(couple=couple).count() >= WEEKS:
        return 0
    now = timezone.now()
    people = [m.user for m in couple.memberships.filter(left_at__isnull=True)]
    rows = Response.objects.bulk_create(
        Response(
            code=uuid.uuid4(),
            person=person,
            couple=couple,
            instrument=instrument,
            taken_at=now - datetime.timedelta(weeks=week, hours=1),
            answers=json.dumps([1] * len(instrument.items)),
            result=json.dumps(
                {"total": (week * 3) % int(instrument.max_total), "risky": False}
            ),
        )
        for person in people
        for instrument in Instrument.objects.all()
        for week in range(WEEKS)
    )
    return len(rows)


def main() -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from couples.models import Couple
    from measures.models import Response

    parser = argparse.ArgumentParser()
    parser.add_argument("--couples", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    args.paired = False
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    have = Couple.objects.filter(
        memberships__user__email__startswith="bench-"
    ).distinct()
    if have.count() < args.couples:
        call_command("seed_bench", couples=args.couples)
    call_command("collectstatic", verbosity=0, interactive=False)
    user = User.objects.get(email="bench-0-a@example.org")
    couple = Couple.objects.get(
        memberships__user=user, memberships__left_at__isnull=True
    )
    added = a_year_of_measures(couple)
    therapist, invite = web.therapist_with_grants(couple)
    cookie = web.signed_in_cookie(therapist)
    since = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()

    server = subprocess.Popen(
        ["gunicorn", "config.wsgi", "-b", f"127.0.0.1:{web.PORT}", "-w", str(args.workers),
         "--log-level", "warning"],
        cwd=web.ROOT,
        env=os.environ.copy(),
    )  # fmt: skip
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{web.PORT}/healthz", timeout=1
                )
                break
            except OSError:
                time.sleep(0.5)
        print(
            f"{Response.objects.filter(couple=couple).count()} measures in the couple "
            f"({added} added now); gunicorn -w {args.workers}; wrk -c{args.connections} -d{args.seconds}s\n"
        )
        print(
            f"{'endpoint':<22}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'errors':>8}{'bytes':>9}{'queries':>9}"
        )
        bare = web.run("bare view", "/bench/bare/", {}, cookie, args, None)
        web.run(
            "therapist couple page",
            f"/therapist/couples/{invite.code}/",
            {},
            cookie,
            args,
            bare,
        )
        web.run("prep page (a year)", f"/therapist/couples/{invite.code}/prep/?since={since}", {},
                cookie, args, bare)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
