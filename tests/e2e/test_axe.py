"""Every main page, as a partner, a therapist and a staff member, in light and dark: axe-core
finds no serious or critical problem.

axe-core comes from npm (`npm pack axe-core@4.14.1`, its single `axe.min.js`) and is vendored in
tests/e2e/vendor/ so the run needs no network.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from checkins.models import SAFETY_FIELDS, CheckIn
from core.dates import local_today
from prompts.models import Kind, Prompt
from repair import journey
from repair.models import Exercise
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff
from tests.journal.factories import EntryFactory, shared_entry
from tests.therapists.factories import full_access, make_therapist

from .helpers import PERSONA_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # What axe reads (markup, names, contrast) does not depend on the date, and Chromium keeps the
    # real clock anyway: the runs on a shifted clock (make test-dates) leave these minutes out.
    pytest.mark.skipif(
        os.environ.get("MEND_CLOCK_SHIFT_DAYS", "0") != "0",
        reason="axe finds the same on any date",
    ),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "axe"
BAD = {"serious", "critical"}
PHONE_WIDTH = 390


def axe_problems(page) -> list[str]:
    """The serious and critical axe-core violations on the page as it is now."""
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url} {v['id']} ({v['impact']}): {v['help']} "
        f"{[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in BAD
    ]


def check_pages(
    browser, scheme, paths, *, base, sign_in, shot_prefix, phone=True, ready=None
) -> list[str]:
    """Axe's findings on each page, once `ready` (a selector filled in by htmx) is there."""
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844}, color_scheme=scheme
    )
    try:
        page = context.new_page()
        sign_in(context, page)
        problems = []
        for n, path in enumerate(paths):
            response = page.goto(base + path)
            assert response.ok, f"{path} answered {response.status}"
            if ready:
                page.locator(ready).wait_for()
            problems += axe_problems(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            if phone and width > PHONE_WIDTH:
                problems.append(
                    f"{page.url} is {width} px wide on a {PHONE_WIDTH} px phone"
                )
            if shot_prefix:
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = path.strip("/").replace("/", "-")[:30] or "today"
                page.screenshot(
                    path=SHOTS / f"{shot_prefix}-{n:02}-{name}-{scheme}.png",
                    full_page=True,
                )
        return problems
    finally:
        context.close()  # before the flush


@pytest.fixture
def lived_in(couple, alice, bob, theo):
    """A couple some way in: a check-in, journal entries (one with a long unbroken link), one
    shared, a dozen unread notes in the inbox, and a therapist following."""
    journey.journey_for(couple)
    CheckIn.objects.create(
        user=alice,
        couple=couple,
        local_date=local_today(alice),
        light="yellow",
        **dict.fromkeys(SAFETY_FIELDS, 3),
    )
    mine = EntryFactory(
        author=alice, body="Found this: https://example.org/" + "a-long-path-" * 12
    )
    for n in range(12):
        Prompt.objects.create(
            user=alice,
            kind=Kind.SHARED,
            key=f"note-{n}",
            local_date=local_today(alice),
            counts_toward_daily_limit=False,
            text="Something new is waiting for you.",
        )
    bobs = shared_entry(bob)
    make_therapist(theo)
    invite = full_access(couple, theo, alice, bob)
    return {"entry": mine, "shared": bobs, "invite": invite}


def partner_paths(lived_in) -> list[str]:
    exercise = Exercise.objects.published().order_by("pk").first()
    names = [
        "home",
        "repair:index",
        "repair:history",
        "repair:letter",
        "repair:questions",
        "repair:testing",
        "checkins:today",
        "checkins:history",
        "checkins:consent",
        "journal:index",
        "journal:new",
        "journal:shared",
        "prompts:inbox",
        "prompts:preferences",
        "couples:care",
        "couples:care_log",
        "couples:pause",
        "steadying:ground",
        "steadying:card",
        "steadying:hard_dates",
        "steadying:honesty",
        "privacy:settings",
        "privacy:export",
        "privacy:safety",
    ]
    return [
        *(reverse(name) for name in names),
        reverse("repair:exercise", args=[exercise.code]),
        reverse("journal:entry", args=[lived_in["entry"].code]),
        reverse("journal:edit", args=[lived_in["entry"].code]),
        reverse("journal:shared_entry", args=[lived_in["shared"].code]),
    ]


def therapist_paths(lived_in) -> list[str]:
    code = lived_in["invite"].code
    return [
        reverse("therapists:dashboard"),
        *(
            reverse(name, args=[code])
            for name in (
                "therapists:couple",
                "therapists:journey_and_exercises",
                "therapists:journal_and_letter",
                "therapists:export",
            )
        ),
    ]


def admin_paths() -> list[str]:
    """The admin's index, and each model's list, add page and first change page."""
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        if admin.site._registry[model].has_add_permission(_AnyStaffRequest):
            paths.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
    return paths


class _AnyStaffRequest:
    """Enough of a request for `has_add_permission`: a superuser asking."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(*args):
            return True


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_problems_for_partners_therapists_or_staff(
    browser, live_server, lived_in, scheme
):
    base = live_server.url
    staff = UserFactory(email="sam@example.com", is_staff=True, is_superuser=True)

    def as_staff(context, page):
        client = sign_in_staff(Client(), staff)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])

    def as_person(email):
        def sign_in(context, page):
            # Each person lands on their own first page (a therapist on their dashboard).
            page.goto(base + "/accounts/login/")
            page.get_by_label("Email").fill(email)
            page.locator("#id_password").fill(PERSONA_PASSWORD)
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_url(lambda url: "/accounts/" not in url)

        return sign_in

    problems = [
        *check_pages(
            browser,
            scheme,
            partner_paths(lived_in),
            base=base,
            sign_in=as_person("alice@example.com"),
            shot_prefix="partner",
            ready="#inbox-badge .badge",  # the unread count, so it is checked too
        ),
        *check_pages(
            browser,
            scheme,
            # The partner who broke trust sees other forms: the letter to write, the answers.
            [reverse(name) for name in ("home", "repair:letter", "repair:questions")],
            base=base,
            sign_in=as_person("bob@example.com"),
            shot_prefix="other-partner",
        ),
        *check_pages(
            browser,
            scheme,
            therapist_paths(lived_in),
            base=base,
            sign_in=as_person("theo@example.com"),
            shot_prefix="therapist",
        ),
        *check_pages(
            browser,
            scheme,
            admin_paths(),
            base=base,
            sign_in=as_staff,
            shot_prefix=None,
            phone=False,  # Django's own admin lays out its tables for wider screens
        ),
    ]
    assert not problems, "\n".join(problems)
