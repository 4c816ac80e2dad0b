"""Headings never skip a level on the main pages (h2 then h4, say), for partners, the therapist and
someone signed out: screen-reader users move through a page by its headings. Lighthouse's
accessibility score counts this rule (`heading-order`), while the axe test in tests/e2e only fails
on serious and critical findings, and this one is moderate. Server-rendered HTML is enough to check
it, so no browser is needed.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from repair import journey
from repair.models import Exercise
from tests.journal.factories import EntryFactory, shared_entry
from tests.therapists.factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

SIGNED_OUT = ["home", "account_login", "account_signup"]
PARTNER = [
    "home",
    "repair:index",
    "repair:history",
    "repair:letter",
    "repair:questions",
    "checkins:today",
    "checkins:history",
    "checkins:consent",
    "journal:index",
    "journal:new",
    "journal:shared",
    "prompts:inbox",
    "prompts:preferences",
    "couples:care",
    "steadying:ground",
    "steadying:card",
    "privacy:settings",
    "privacy:export",
    "privacy:safety",
    "measures:index",
]
OTHER_PARTNER = ["home", "repair:letter", "repair:questions"]


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def skips(html: str) -> list[str]:
    """Each place where a heading goes more than one level deeper than the one before it."""
    parser = Headings()
    parser.feed(html)
    levels = parser.levels
    return [
        f"h{before} then h{after}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]


def test_the_check_sees_a_skipped_level():
    assert skips("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>") == []
    assert skips("<h1>a</h1><h2>b</h2><h4>c</h4>") == ["h2 then h4"]


def problems(client, paths) -> list[str]:
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        found += [f"{path}: {skip}" for skip in skips(response.content.decode())]
    return found


def test_no_page_skips_a_heading_level(client, couple, alice, bob, theo):
    journey.journey_for(couple)
    entry = EntryFactory(author=alice)
    shared = shared_entry(bob)
    make_therapist(theo)
    code = full_access(couple, theo, alice, bob).code
    exercise = Exercise.objects.published().order_by("pk").first()

    found = problems(client, [reverse(name) for name in SIGNED_OUT])
    client.force_login(alice)
    found += problems(
        client,
        [
            *(reverse(name) for name in PARTNER),
            reverse("repair:exercise", args=[exercise.code]),
            reverse("journal:entry", args=[entry.code]),
            reverse("journal:edit", args=[entry.code]),
            reverse("journal:shared_entry", args=[shared.code]),
        ],
    )
    client.force_login(bob)
    found += problems(client, [reverse(name) for name in OTHER_PARTNER])
    client.force_login(theo)
    found += problems(
        client,
        [
            reverse("therapists:dashboard"),
            *(
                reverse(name, args=[code])
                for name in ("therapists:couple", "therapists:prep")
            ),
        ],
    )
    assert found == []
