"""Lighthouse's mobile accessibility score for each main page of a running server.

    DEBUG=true DATABASE_URL=… uv run --no-sync python manage.py seed_demo     # the demo accounts
    DEBUG=true DATABASE_URL=… uv run --no-sync python manage.py runserver 127.0.0.1:8765 --noreload
    DEBUG=true DATABASE_URL=… LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse \
        uv run --no-sync python tests/bench/lighthouse.py http://127.0.0.1:8765 \
        [--prepare] [--details] [--more] [--only "inbox,prep"]

Lighthouse comes from npm (`npm install lighthouse` in a folder outside the repo); Chromium is
Debian's (CHROME_PATH, /usr/bin/chromium by default). `--prepare` first gives the demo couple a
journal entry each, a check-in, a few inbox notes and Dr. Lee following them (through the server's
database, so it needs the same DATABASE_URL); without it the journal editor is the new-entry page
and the therapist's couple and prep pages are left out. The script signs in as the demo partners
(robin@ and sam@example.com) and therapist (dr.lee@example.com) with the standard library, finds
an exercise, a journal entry and the therapist's couple from the pages' own links, puts the
session cookie into a Chromium started through Playwright, and runs Lighthouse in it with
`--only-categories=accessibility` and mobile emulation. It prints each page's score and, with
--details, every audit that failed. Nothing here asserts: it prints figures.
"""

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

PASSWORD = "mend-demo-pass"
PARTNER = "robin@example.com"
WRITER = "sam@example.com"
THERAPIST = "dr.lee@example.com"
# The pages one step further in, as Robin (with --more).
MORE = [
    "/repair/history/",
    "/repair/testing/",
    "/checkins/consent/",
    "/journal/new/",
    "/journal/shared/",
    "/inbox/reminders/",
    "/couples/care/",
    "/couples/care/log/",
    "/couples/pause/",
    "/steady/",
    "/steady/card/",
    "/steady/dates/",
    "/steady/honesty/",
    "/settings/data/",
]
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class Visitor:
    """A browser-less visitor with its own cookies, signed in or not."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def sign_in(self, email: str) -> "Visitor":
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/",
            data=data,
            headers={"Referer": self.base + "/accounts/login/"},
        )
        with self.opener.open(request, timeout=30) as response:
            if "/accounts/" in response.url:
                sys.exit(f"could not sign in as {email} (landed on {response.url})")
        return self

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def first_link(self, path: str, pattern: str) -> str | None:
        match = re.search(rf'href="({pattern})"', self.get(path))
        return match[1] if match else None


def pages(base: str, *, more: bool) -> list[tuple[str, str, Visitor | None]]:
    """(name, path, visitor) for every main page (and with `more`, the pages one step further
    in); a visitor of None is signed out."""
    partner = Visitor(base).sign_in(PARTNER)
    writer = Visitor(base).sign_in(WRITER)
    therapist = Visitor(base).sign_in(THERAPIST)
    found = [
        ("landing", "/", None),
        ("sign in", "/accounts/login/", None),
        ("sign up", "/accounts/signup/", None),
        ("today (home)", "/", partner),
        ("repair", "/repair/", partner),
    ]
    exercise = partner.first_link("/repair/", rf"/repair/exercises/{UUID}/")
    if exercise:
        found.append(("exercise", exercise, partner))
    found += [
        ("letter", "/repair/letter/", partner),
        ("question box", "/repair/questions/", partner),
        # The partner who broke trust sees the forms: the letter to write, the answers to give.
        ("letter (Sam)", "/repair/letter/", writer),
        ("question box (Sam)", "/repair/questions/", writer),
        ("check-in", "/checkins/", partner),
        ("check-in history", "/checkins/history/", partner),
        ("journal list", "/journal/", partner),
    ]
    entry = partner.first_link("/journal/", rf"/journal/{UUID}/")
    found.append(
        ("journal editor", f"{entry}edit/" if entry else "/journal/new/", partner)
    )
    found += [
        ("inbox", "/inbox/", partner),
        ("settings", "/settings/", partner),
        ("safety", "/safety/", partner),
        ("measures", "/measures/", partner),
        ("therapist dashboard", "/therapist/", therapist),
    ]
    couple = therapist.first_link("/therapist/", rf"/therapist/couples/{UUID}/")
    if couple:
        found += [
            ("therapist couple", couple, therapist),
            ("prep", f"{couple}prep/", therapist),
        ]
    if more:
        found += [(f"more: {path}", path, partner) for path in MORE]
        shared = partner.first_link("/journal/shared/", rf"/journal/shared/{UUID}/")
        if entry:
            found.append(("more: journal entry", entry, partner))
        if shared:
            found.append(("more: shared entry", shared, partner))
        if couple:
            found += [
                (f"more: therapist {part}", f"{couple}{part}/", therapist)
                for part in ("journey", "journal", "print")
            ]
    return found


class Browser:
    """Debian's Chromium, started by Playwright with a debugging port that Lighthouse joins.

    The visitor's cookies go into the browser itself: a Cookie given to Lighthouse as an extra
    header reaches the page but not its htmx requests, and the inbox badge's poll, signed out,
    would send the page to the sign-in page mid-audit."""

    PORT = 9339

    def __init__(self, folder: str):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.context = self.playwright.chromium.launch_persistent_context(
            folder,
            executable_path=os.environ["CHROME_PATH"],
            headless=True,
            args=["--no-sandbox", f"--remote-debugging-port={self.PORT}"],
        )

    def close(self) -> None:
        self.context.close()
        self.playwright.stop()

    def audit(self, lighthouse: str, url: str, visitor: Visitor | None) -> dict:
        """Lighthouse's report (JSON) for one page, seen by this visitor."""
        self.context.clear_cookies()
        if visitor is not None:
            self.context.add_cookies(
                [
                    {"name": c.name, "value": c.value, "url": visitor.base}
                    for c in visitor.jar
                ]
            )
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "report.json")
            command = [
                lighthouse,
                url,
                f"--port={self.PORT}",
                "--only-categories=accessibility",
                "--form-factor=mobile",
                # Lighthouse would otherwise clear the cookies just added.
                "--disable-storage-reset",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ]
            subprocess.run(command, check=True)
            with open(out) as report:
                return json.load(report)


def failures(report: dict) -> list[str]:
    """The accessibility audits that count toward the score and did not pass."""
    audits = report["audits"]
    lines = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        found = audits[ref["id"]]
        if ref["weight"] and found["score"] is not None and found["score"] < 1:
            items = found.get("details", {}).get("items", [])
            nodes = [item.get("node", {}).get("selector", "") for item in items][:4]
            lines.append(f"    {ref['id']}: {found['title']} {nodes}")
    return lines


def prepare() -> None:
    """Give the demo couple what the pages show once lived in: a journal entry each (Sam's shared),
    Robin's check-in today, a few unread notes in Robin's inbox, and Dr. Lee following them with
    both partners' consent. Run against the server's database; running it again adds nothing."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import transaction

    from accounts.models import User
    from checkins.models import SAFETY_FIELDS, CheckIn
    from core.dates import local_today
    from couples.access import active_membership
    from couples.models import CareTeamInvite
    from journal.models import Entry
    from prompts.models import Kind, Prompt
    from tests.journal.factories import EntryFactory, shared_entry
    from tests.therapists.factories import full_access

    users = User.objects
    robin, sam = users.get(email=PARTNER), users.get(email=WRITER)
    therapist = users.get(email=THERAPIST)
    if not Entry.objects.filter(author=robin).exists():
        EntryFactory(author=robin, body="A slow walk after dinner; we talked a little.")
    if not Entry.objects.filter(author=sam, shared_with_partner_at__isnull=False):
        with transaction.atomic():
            shared_entry(sam, body="I want to keep showing up, even on the quiet days.")
    couple = active_membership(robin).couple
    today = local_today(robin)
    if not CheckIn.objects.filter(user=robin, local_date=today).exists():
        fields = dict.fromkeys(SAFETY_FIELDS, 3)
        CheckIn.objects.create(
            user=robin, couple=couple, local_date=today, light="yellow", **fields
        )
    for n in range(3):
        Prompt.objects.get_or_create(
            user=robin,
            kind=Kind.SHARED,
            key=f"lighthouse-note-{n}",
            defaults={
                "local_date": today,
                "counts_toward_daily_limit": False,
                "text": "Something new is waiting for you.",
            },
        )
    if not CareTeamInvite.objects.filter(couple=couple).exists():
        full_access(couple, therapist, robin, sam)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the running server, e.g. http://127.0.0.1:8765")
    parser.add_argument("--details", action="store_true", help="list failed audits")
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="first add a journal entry and a therapist link to the demo couple (needs the "
        "server's DATABASE_URL)",
    )
    parser.add_argument("--more", action="store_true", help="and the pages further in")
    parser.add_argument("--only", default="", help="comma-separated page names")
    args = parser.parse_args()
    if args.prepare:
        prepare()
    os.environ.setdefault("CHROME_PATH", "/usr/bin/chromium")
    lighthouse = os.environ.get("LIGHTHOUSE", "lighthouse")
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    print(f"{'page':<28} {'score':>5}  path")
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            for name, path, visitor in pages(args.base, more=args.more):
                if only and name not in only:
                    continue
                url = args.base.rstrip("/") + path
                report = browser.audit(lighthouse, url, visitor)
                final = report.get("finalDisplayedUrl") or report.get("finalUrl", "")
                score = round(report["categories"]["accessibility"]["score"] * 100)
                moved = "" if final == url else f"  (ended at {final})"
                print(f"{name:<28} {score:>5}  {path}{moved}", flush=True)
                if args.details:
                    lines = failures(report) or ["    (every audit passed)"]
                    print("\n".join(lines), flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
