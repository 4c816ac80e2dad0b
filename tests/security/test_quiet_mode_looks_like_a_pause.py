"""Quiet mode, seen from outside, is an ordinary pause: byte for byte, on every page.

Two couples are built the same way, at one frozen instant. In one, Alice simply pauses. In the
other, Alice answers the private safety check with worrying answers and turns on quiet mode. Bob's
pages, and the pages of a therapist both couples share everything with, must be identical between
the two, once what differs on every request anyway (CSRF tokens, CSP nonces, random UUIDs, the
made-up email addresses, the room's random version tag, row ids) is set aside. Nothing of the check may appear in them, nor in Bob's export.
"""

import datetime
import difflib
import json
import re

import pytest
import time_machine
from django.contrib import admin
from django.test import Client
from django.utils import timezone

from checkins import consent
from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS, ConsentItem
from couples import safety_check
from couples.access import active_membership
from couples.models import SafetyCheck
from privacy import ownership
from prompts.models import Kind, Prompt
from repair import journey, sessions
from repair.models import Exercise
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair
from tests.therapists.factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

WORRYING = {"fear": "yes", "harm": "sometimes", "pressure": "no", "control": "yes"}
# Words of the check and of quiet mode that only the person who answered may ever see.
CHECK_WORDS = (
    "Quiet mode",
    "quiet mode",
    "quiet_pause",
    "afraid of your partner",
    "Thank you for answering",
    "Turn quiet mode off",
    "/safety/check/result/",
    "/safety/check/quiet/",
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrf" value="…"'),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": "…"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce="…"'),
    (re.compile(r"[a-z]+\d@example\.com"), "someone@example.com"),
    # The session room's version tag is random per room.
    (re.compile(r"-[0-9a-f]{32}&quot;"), "-…&quot;"),
    # The therapist's "for whom" choices are the partners' row ids.
    (re.compile(r'name="for_whom" value="\d+"'), 'name="for_whom" value="…"'),
]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalised(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    seen: dict[str, str] = {}
    return UUID.sub(lambda m: seen.setdefault(m.group(), f"<uuid {len(seen)}>"), text)


def build_couple(n: int) -> dict:
    """Alice (hurt) and Bob, in phase two, with an open consent menu, a shared day, a waiting
    invitation, a mutual yes, something in Bob's inbox, and a therapist who sees everything."""
    alice = UserFactory(email=f"alice{n}@example.com", display_name="Alice")
    bob = UserFactory(email=f"bob{n}@example.com", display_name="Bob")
    theo = UserFactory(email=f"theo{n}@example.com", display_name="Theo")
    make_therapist(theo)
    couple = pair(alice, bob)
    a, b = active_membership(alice), active_membership(bob)
    journey.propose_advance(membership=a)
    for membership in (a, b):
        consent.opt_in(membership=membership)
    # Bob's invitation was sent before Alice's red day (on a red day none can be).
    touch = Exercise.objects.get(slug="holding-hands")
    waiting = sessions.invite(
        membership=b,
        exercise=touch,
        planned_for=timezone.now() + datetime.timedelta(days=30),
    )
    item = ConsentItem.objects.filter(published=True, kind="shared").first()
    for person in (alice, bob):
        consent.set_answer(user=person, item=item, answer="yes")
        record_checkin(
            user=person,
            membership=active_membership(person),
            light="red" if person == alice else "green",
            scores=dict.fromkeys(SAFETY_FIELDS, 3),
            note=f"{person.display_name}'s shared line",
            note_shared=True,
        )
    Prompt.objects.create(
        user=bob, kind=Kind.CHECKIN, key="2026-01-01", local_date="2026-01-01"
    )
    care = full_access(couple, theo, alice, bob)
    return {
        "alice": alice,
        "bob": bob,
        "theo": theo,
        "couple": couple,
        "session": waiting,
        "care": care,
    }


def bobs_pages(world) -> dict[str, tuple[int, str]]:
    bob = signed_in(world["bob"])
    session = world["session"].code
    talk = Exercise.objects.get(slug="daily-honesty").code
    touch = Exercise.objects.get(slug="holding-hands").code
    item = ConsentItem.objects.filter(published=True).first()
    htmx = {"HX-Request": "true"}
    pages = {}
    for path in (
        "/",
        "/repair/",
        "/repair/history/",
        f"/repair/exercises/{talk}/",
        f"/repair/exercises/{touch}/",
        f"/repair/sessions/{session}/",
        "/checkins/",
        "/checkins/history/",
        "/checkins/consent/",
        "/journal/",
        "/inbox/",
        "/couples/pause/",
        "/couples/care/",
        "/settings/",
    ):
        response = bob.get(path)
        pages[f"GET {path}"] = (response.status_code, response.content.decode())
    for path in ("/inbox/badge/", f"/repair/sessions/{session}/live/"):
        response = bob.get(path, headers=htmx)
        pages[f"htmx GET {path}"] = (response.status_code, response.content.decode())
    posts = [
        (f"/repair/exercises/{talk}/invite/", {"when": "now"}, {}),
        (f"/repair/exercises/{touch}/invite/", {"when": "now"}, {}),
        (f"/repair/sessions/{session}/answer/", {"answer": "accept"}, htmx),
        (
            "/checkins/consent/answer/",
            {"item": item.slug, f"item-{item.slug}-answer": "no"},
            htmx,
        ),
        ("/checkins/consent/", {f"item-{item.slug}-answer": "no"}, {}),
        ("/couples/resume/", {}, {}),
        ("/safety/check/quiet/off/", {}, {}),
    ]
    for path, data, headers in posts:
        response = bob.post(path, data, headers=headers)
        where = response.get("Location", "") + response.get("HX-Redirect", "")
        body = response.content.decode()
        pages[f"POST {path}"] = (response.status_code, f"{where}\n{body}")
    return pages


def theos_pages(world) -> dict[str, tuple[int, str]]:
    theo = signed_in(world["theo"])
    code = world["care"].code
    pages = {}
    for path in (
        "/therapist/",
        f"/therapist/couples/{code}/",
        f"/therapist/couples/{code}/print/",
    ):
        response = theo.get(path)
        pages[f"GET {path}"] = (response.status_code, response.content.decode())
    return pages


def assert_identical(paused: dict, quiet: dict) -> None:
    paused = {UUID.sub("<code>", name): page for name, page in paused.items()}
    quiet = {UUID.sub("<code>", name): page for name, page in quiet.items()}
    assert paused.keys() == quiet.keys()
    different = []
    for name in paused:
        (a_status, a_text), (b_status, b_text) = paused[name], quiet[name]
        a_text, b_text = normalised(a_text), normalised(b_text)
        if a_status != b_status or a_text != b_text:
            diff = difflib.unified_diff(
                a_text.splitlines(), b_text.splitlines(), "pause", "quiet", lineterm=""
            )
            different.append(f"{name}: {a_status} / {b_status}\n" + "\n".join(diff))
    assert not different, "\n\n".join(different)


def assert_nothing_of_the_check(pages: dict, check: SafetyCheck) -> None:
    for name, (_, text) in pages.items():
        for words in (*CHECK_WORDS, str(check.code)):
            assert words not in text, (name, words)


@pytest.fixture
def two_worlds(django_capture_on_commit_callbacks):
    """The same couple twice, at one instant: Alice pauses in the first, turns on quiet mode in
    the second."""
    with time_machine.travel(timezone.now(), tick=False):
        paused, quiet = build_couple(1), build_couple(2)
        with django_capture_on_commit_callbacks(execute=True):
            signed_in(paused["alice"]).post("/couples/pause/")
            alice = signed_in(quiet["alice"])
            alice.post("/safety/check/", WORRYING)
            alice.post("/safety/check/quiet/")
        yield paused, quiet


def test_quiet_mode_is_on_for_alice_and_a_plain_pause_in_the_other_couple(two_worlds):
    paused, quiet = two_worlds
    assert safety_check.quiet_pause(active_membership(quiet["alice"])) is not None
    assert safety_check.quiet_pause(active_membership(paused["alice"])) is None
    assert "Quiet mode is on" in signed_in(quiet["alice"]).get("/couples/pause/").text


def test_bobs_pages_are_the_same_byte_for_byte_as_under_an_ordinary_pause(two_worlds):
    paused, quiet = two_worlds
    paused_pages, quiet_pages = bobs_pages(paused), bobs_pages(quiet)
    assert "Your partner is taking a pause" in quiet_pages["GET /"][1]
    assert_identical(paused_pages, quiet_pages)
    check = SafetyCheck.objects.get(user=quiet["alice"])
    assert_nothing_of_the_check(quiet_pages, check)


def test_the_therapists_pages_are_the_same_too(two_worlds):
    paused, quiet = two_worlds
    paused_pages, quiet_pages = theos_pages(paused), theos_pages(quiet)
    assert all(status == 200 for status, _ in quiet_pages.values())
    assert_identical(paused_pages, quiet_pages)
    assert_nothing_of_the_check(quiet_pages, SafetyCheck.objects.get())


def test_bobs_export_holds_nothing_of_alices_check(two_worlds):
    _, quiet = two_worlds
    check = SafetyCheck.objects.get(user=quiet["alice"])
    exported = json.dumps(ownership.export_for(quiet["bob"]))
    download = signed_in(quiet["bob"]).get("/settings/data/download/").content.decode()
    for text in (exported, download):
        assert str(check.code) not in text
        assert check.sealed not in text
        assert "fear" not in text
        assert "quiet_pause" not in text
    # Alice's own export has her answers, and the pause that is her quiet mode.
    own = json.dumps(ownership.export_for(quiet["alice"]))
    assert str(check.code) in own
    assert "quiet_pause" in own


def test_the_admin_has_no_page_for_the_check():
    assert SafetyCheck not in admin.site._registry
