"""Autosave loses nothing, for every kind of long writing, typed for real on a phone-sized page.

Each kind says who writes, where, in which box, and where the words end up once saved.
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

import core.autosave
from checkins.session_lights import set_light
from core.models import AutosavedText
from couples.access import active_membership
from couples.models import Pause
from couples.pause import start_pause
from journal.models import Draft
from repair import letters, questions, sessions
from repair.models import Exercise, ExerciseSession, Letter
from tests.accounts.factories import PASSWORD
from tests.journal.factories import shared_entry
from tests.therapists.factories import full_access, make_therapist

from .helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@dataclass
class Kind:
    writer: str
    label: str
    page: Callable[[dict], str]  # the path of the writing page, given the people
    saved: Callable[[dict], str]  # the words as they are saved
    endpoint: str  # where the page autosaves to, as a glob
    prepare: Callable[[dict], None] | None = (
        None  # what must be there before the page opens
    )
    opens: str | None = None  # what to tap first when the box is folded away


def _journal_saved(people) -> str:
    draft = Draft.objects.filter(author=people["alice"]).order_by("-updated_at").first()
    return draft.body if draft else ""


def _letter_saved(people) -> str:
    letter = Letter.objects.filter(author=people["bob"]).first()
    return letter.what_i_did if letter else ""


KINDS = {
    "journal": Kind(
        "alice",
        "What's on your mind",
        lambda p: "/journal/new/",
        _journal_saved,
        "**/journal/autosave/",
    ),
    "answer": Kind(
        "bob",
        "Your answer",
        lambda p: "/repair/questions/",
        lambda p: _kept(
            p, "bob", f"answer:{p['question'].code}", f"{p['question'].code}-text"
        ),
        "**/repair/questions/*/answer/draft/",
    ),
    "reflection": Kind(
        "alice",
        "What did you notice?",
        lambda p: f"/repair/sessions/{p['session'].code}/reflection/",
        lambda p: _kept(p, "alice", f"reflection:{p['session'].code}", "noticed"),
        "**/repair/sessions/*/reflection/draft/",
    ),
    "note": Kind(
        "alice",
        "A private note (optional):",
        lambda p: "/checkins/",
        lambda p: _kept(p, "alice", "checkin-note", "note"),
        "**/checkins/note/draft/",
    ),
    "acknowledgement": Kind(
        "bob",
        "What I hear you saying is… (optional)",
        lambda p: f"/journal/shared/{p['entry'].code}/",
        lambda p: _kept(p, "bob", f"acknowledgement:{p['entry'].code}", "what_i_hear"),
        "**/journal/shared/*/acknowledgement/draft/",
        lambda p: p.update(entry=shared_entry(p["alice"])),
    ),
    "letter response": Kind(
        "alice",
        "Anything you'd like to add (optional):",
        lambda p: "/repair/letter/",
        lambda p: _kept(p, "alice", f"letter-response:{p['letter'].code}", "missing"),
        "**/repair/letter/versions/*/respond/draft/",
        lambda p: p.update(letter=_sent_letter(p)),
        opens="Read it now",  # the letter stays folded until the reader chooses
    ),
    "pause note": Kind(
        "alice",
        "A note for yourself (optional):",
        lambda p: "/couples/pause/",
        lambda p: Pause.objects.get(user=p["alice"]).note,
        "**/couples/pause/*/note/draft/",
        lambda p: start_pause(membership=active_membership(p["alice"])),
    ),
    "therapist note": Kind(
        "theo",
        "A private note:",
        lambda p: f"/therapist/couples/{p['invite'].code}/",
        lambda p: _kept(p, "theo", f"therapist-note:{p['invite'].code}", "body"),
        "**/therapist/couples/*/notes/draft/",
        lambda p: p.update(invite=_caring_therapist(p)),
    ),
    "letter": Kind(
        "bob",
        "What I did",
        lambda p: "/repair/letter/",
        _letter_saved,
        "**/repair/letter/draft/",
    ),
}


@pytest.fixture
def people(alice, bob, couple, theo):
    """Alice asked Bob a question; they did a talking exercise together and it ended."""
    alice_m = active_membership(alice)
    question = questions.ask(membership=alice_m, text="What happened that night?")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    exercise = Exercise.objects.get(slug="daily-honesty")
    session = sessions.invite(membership=alice_m, exercise=exercise)
    sessions.accept(session=session, user=bob)
    set_light(session=session, user=alice, light="green")
    set_light(session=session, user=bob, light="green")
    session = sessions.end(session=ExerciseSession.objects.get(pk=session.pk), user=bob)
    return {
        "alice": alice,
        "bob": bob,
        "couple": couple,
        "question": question,
        "session": session,
        "theo": theo,
    }


def _sent_letter(people) -> Letter:
    """Bob's letter to Alice, sent: she may answer it."""
    letter = letters.letter_for(active_membership(people["bob"]))
    letters.send(letter=letter, sections=dict.fromkeys(Letter.SECTIONS, "I did it."))
    return letter


def _caring_therapist(people):
    """Theo, in Alice and Bob's care team."""
    make_therapist(people["theo"])
    return full_access(people["couple"], people["theo"], people["alice"], people["bob"])


def _kept(people, writer: str, key: str, field: str) -> str:
    row = AutosavedText.objects.filter(owner=people[writer], key=key).first()
    return json.loads(row.text).get(field, "") if row else ""


def _sign_in(browser, base: str, email: str):
    context = browser.new_context(viewport=PHONE, timezone_id="Europe/London")
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Each person lands on their own first page (a therapist on their dashboard).
    page.wait_for_url(lambda url: "/accounts/" not in url)
    return context, page


def _open(browser, live_server, people, kind: Kind):
    if kind.prepare:
        kind.prepare(people)
    context, page = _sign_in(browser, live_server.url, f"{people[kind.writer].email}")
    page.goto(live_server.url + kind.page(people))
    if kind.opens:
        page.get_by_text(kind.opens, exact=True).click()
    return context, page


def _eventually_saved(kind: Kind, people, text: str, seconds: float = 8) -> None:
    deadline = time.monotonic() + seconds
    while kind.saved(people) != text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kind.saved(people) == text


def _box(page, kind: Kind):
    return page.get_by_label(kind.label, exact=True)


def _status(page):
    return page.locator("[data-autosave-status] .autosave__state").first


@pytest.mark.parametrize("name", KINDS)
def test_a_reload_mid_typing_keeps_every_word(browser, live_server, people, name):
    kind = KINDS[name]
    context, page = _open(browser, live_server, people, kind)
    _box(page, kind).click()
    page.keyboard.type("Typed, then the page reloads at once", delay=15)
    page.reload()
    expect(_box(page, kind)).to_have_value("Typed, then the page reloads at once")
    # Nothing false about a separate copy, and nothing left unsaved.
    expect(page.get_by_text("separate copy")).to_have_count(0)
    _box(page, kind).press("Control+End")
    page.keyboard.type(" and carries on.", delay=15)
    expect(_status(page)).to_have_text("Saved", timeout=8_000)
    _eventually_saved(
        kind, people, "Typed, then the page reloads at once and carries on."
    )
    page.reload()
    expect(_box(page, kind)).to_have_value(
        "Typed, then the page reloads at once and carries on."
    )
    context.close()


@pytest.mark.parametrize("name", KINDS)
def test_closing_the_page_mid_typing_keeps_every_word(
    browser, live_server, people, name
):
    kind = KINDS[name]
    context, page = _open(browser, live_server, people, kind)
    _box(page, kind).click()
    page.keyboard.type("Written, then the tab is closed", delay=15)
    page.close(run_before_unload=True)
    _eventually_saved(kind, people, "Written, then the tab is closed")
    again = context.new_page()
    again.goto(live_server.url + kind.page(people))
    expect(_box(again, kind)).to_have_value("Written, then the tab is closed")
    context.close()


@pytest.mark.parametrize("name", KINDS)
def test_offline_it_says_not_saved_and_retries_until_it_saves(
    browser, live_server, people, name
):
    kind = KINDS[name]
    context, page = _open(browser, live_server, people, kind)
    _box(page, kind).click()
    page.keyboard.type("Before the signal went.", delay=10)
    expect(_status(page)).to_have_text("Saved", timeout=8_000)
    context.set_offline(True)
    page.keyboard.type(" Written offline.", delay=10)
    expect(_status(page)).to_have_text("Not saved — retrying", timeout=8_000)
    check_accessibility(page)
    screenshot(page, f"autosave-{name}-offline")
    context.set_offline(False)
    expect(_status(page)).to_have_text("Saved", timeout=20_000)
    _eventually_saved(kind, people, "Before the signal went. Written offline.")
    context.close()


@pytest.mark.parametrize("name", KINDS)
def test_slow_typing_saves_every_few_seconds_without_a_pause(
    browser, live_server, people, name
):
    kind = KINDS[name]
    context, page = _open(browser, live_server, people, kind)
    _box(page, kind).click()
    # A key every 0.6 s never leaves a one-second pause; it is saved while typing goes on.
    for letter in "slowly typed":
        page.keyboard.type(letter)
        page.wait_for_timeout(600)
    assert kind.saved(people).startswith("slow")
    context.close()


@pytest.mark.parametrize("name", KINDS)
def test_a_save_racing_the_closing_beacon_ends_with_the_newest_words(
    browser, live_server, people, name, monkeypatch
):
    kind = KINDS[name]
    first_save = threading.Event()
    real = core.autosave.revision_of

    def slow_first(values, fields):
        if not first_save.is_set():
            first_save.set()
            time.sleep(1.5)  # the first save is still on its way when the tab closes
        return real(values, fields)

    monkeypatch.setattr(core.autosave, "revision_of", slow_first)
    context, page = _open(browser, live_server, people, kind)
    _box(page, kind).click()
    page.keyboard.type("The first save", delay=10)
    deadline = time.monotonic() + 5
    while not first_save.is_set() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert first_save.is_set()
    page.keyboard.type(" and the newest words", delay=10)
    page.close(run_before_unload=True)
    _eventually_saved(kind, people, "The first save and the newest words")
    context.close()


@pytest.mark.parametrize("name", KINDS)
def test_a_failed_save_says_so_and_is_retried_until_it_lands(
    browser, live_server, people, name
):
    kind = KINDS[name]
    failures = []

    def fail_twice(route):
        if len(failures) < 2:
            failures.append(1)
            route.fulfill(status=503, body="Busy")
        else:
            route.continue_()

    context, page = _open(browser, live_server, people, kind)
    page.route(kind.endpoint, fail_twice)
    _box(page, kind).click()
    page.keyboard.type("Kept through a bad moment.", delay=10)
    expect(_status(page)).to_have_text("Not saved — retrying", timeout=8_000)
    expect(_status(page)).to_have_text("Saved", timeout=15_000)
    _eventually_saved(kind, people, "Kept through a bad moment.")
    context.close()


def _wait_cookie(page) -> str:
    return page.evaluate(
        "() => (document.cookie.match(/(?:^|; )mend_autosave_wait=([^;]*)/) || [])[1] || ''"
    )


def test_unsaved_writing_names_its_leaving_beacon_before_the_page_goes(
    browser, live_server, people
):
    # A cookie written only as the page goes can reach the browser's cookie store after the
    # reload's request has left; named while typing, the reload always carries it.
    kind = KINDS["answer"]
    context, page = _open(browser, live_server, people, kind)
    assert _wait_cookie(page) == ""
    _box(page, kind).click()
    page.keyboard.type("Not saved yet", delay=10)
    assert _wait_cookie(page) != ""
    expect(_status(page)).to_have_text("Saved", timeout=8_000)
    # Everything is saved: no beacon will follow, so no page waits for one.
    assert _wait_cookie(page) == ""
    context.close()
