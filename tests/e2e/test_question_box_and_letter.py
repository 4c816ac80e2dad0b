"""The question box and the letter on two phones, in the order their exercises describe.

Alice keeps questions in the box and brings one up, asking for what it meant; only that one
reaches Bob, who answers once and later adds a correction she sees as added. Bob's letter stays
closed on Alice's phone until she chooses "Read it now", and "Not yet" needs no words."""

import importlib

import pytest
from playwright.sync_api import expect

from couples.access import active_membership
from repair import letters
from repair.models import Exercise

from .helpers import ARTIFACTS, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = ARTIFACTS / "question-box-and-letter"


@pytest.fixture
def content(transactional_db):
    importlib.import_module("repair.starter_content").load()


@pytest.fixture
def phones(browser, live_server):
    contexts = [
        browser.new_context(timezone_id="Europe/London", viewport=PHONE)
        for _ in range(2)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _look(page, name: str) -> None:
    check_accessibility(page)
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_question_is_brought_up_answered_once_and_corrected_openly(
    live_server, content, couple, phones
):
    base = live_server.url
    alice, bob = phones
    log_in(alice, base, "alice@example.com")
    log_in(bob, base, "bob@example.com")

    alice.goto(base + "/repair/questions/")
    for text in ("How long did it go on?", "Did you bring her to our house?"):
        alice.get_by_label("Your question").fill(text)
        alice.get_by_role("button", name="Put it in the box").click()
        expect(alice.get_by_text("Your question is in the box.")).to_be_visible()
    _look(alice, "questions-1-alice-box")

    bob.goto(base + "/repair/questions/")
    expect(bob.get_by_text("Nothing has been brought up yet.")).to_be_visible()
    expect(bob.get_by_text("How long did it go on?")).to_have_count(0)
    _look(bob, "questions-2-bob-nothing-yet")

    # The agreed time: Alice chooses one question, and what she wants to hear.
    card = alice.locator("article", has_text="How long did it go on?")
    card.get_by_label("What it meant").check()
    card.get_by_role("button", name="Bring this one up").click()
    expect(alice.get_by_text("You asked for what it meant.")).to_be_visible()
    _look(alice, "questions-3-alice-brought-up")

    bob.reload()
    expect(bob.get_by_text("How long did it go on?")).to_be_visible()
    expect(bob.get_by_text("Did you bring her to our house?")).to_have_count(0)
    expect(bob.get_by_text("leave out graphic detail")).to_be_visible()
    _look(bob, "questions-4-bob-one-to-answer")
    bob.get_by_label("Your answer").fill("About four months.")
    bob.get_by_role("button", name="Give my answer").click()
    expect(bob.get_by_text("About four months.")).to_be_visible()
    # Once given, the answer is not there to rewrite: only something to add.
    expect(bob.get_by_label("Your answer")).to_have_count(0)
    bob.get_by_text("Something to correct or add?").click()
    correction = bob.get_by_label("Something to correct or add", exact=True)
    expect(correction).to_have_value("")
    correction.fill("I need to correct that: it was closer to a year.")
    bob.get_by_role("button", name="Add this").click()
    expect(bob.locator(".answer__addition")).to_contain_text("Added later, on")
    _look(bob, "questions-5-bob-corrected")

    alice.reload()
    answer = alice.locator(".answer")
    expect(answer).to_contain_text("About four months.")
    expect(answer.locator(".answer__addition")).to_contain_text("Added later, on")
    expect(answer.locator(".answer__addition")).to_contain_text("closer to a year")
    expect(alice.get_by_role("button", name="Put it back in the box")).to_have_count(0)
    _look(alice, "questions-6-alice-sees-the-addition")


def test_the_letter_exercise_is_bobs_to_mark_and_alice_sees_a_quiet_line(
    live_server, content, couple, phones
):
    exercise = Exercise.objects.get(slug="accountability-letter")
    base = live_server.url
    alice, bob = phones
    log_in(alice, base, "alice@example.com")
    log_in(bob, base, "bob@example.com")
    alice.goto(base + f"/repair/exercises/{exercise.code}/")
    expect(alice.get_by_text("This one is for Bob to do on their own")).to_be_visible()
    expect(alice.get_by_role("button", name="I've done this")).to_have_count(0)
    _look(alice, "exercise-1-alice-letter-exercise")
    bob.goto(base + f"/repair/exercises/{exercise.code}/")
    expect(bob.get_by_role("link", name="The accountability letter")).to_be_visible()
    bob.get_by_role("button", name="I've done this").click()
    expect(bob.get_by_text("You've marked this as done.")).to_be_visible()
    _look(bob, "exercise-2-bob-letter-exercise")


def test_the_letter_opens_when_she_chooses_and_not_yet_asks_for_nothing(
    live_server, content, couple, bob, phones
):
    letters.send(
        letter=letters.letter_for(active_membership(bob)),
        sections={
            "what_i_did": "I hid a relationship from you for a year.",
            "how_it_hurt": "You stopped trusting your own memory.",
            "doing_now": "Contact has ended and my phone is open to you.",
            "will_keep_doing": "Answer your questions honestly, for as long as it takes.",
        },
    )
    base = live_server.url
    alice, bob_phone = phones
    log_in(alice, base, "alice@example.com")
    log_in(bob_phone, base, "bob@example.com")

    alice.goto(base + "/repair/letter/")
    words = alice.get_by_text("I hid a relationship from you for a year.")
    expect(words).to_be_hidden()
    expect(alice.get_by_role("button", name="Send my answer")).to_be_hidden()
    _look(alice, "letter-1-alice-closed")

    alice.get_by_text("Read it now", exact=True).click()
    expect(words).to_be_visible()
    expect(alice.get_by_text("Your response belongs to you.")).to_be_visible()
    _look(alice, "letter-2-alice-open")
    alice.get_by_text("Not yet", exact=True).click()
    alice.get_by_role("button", name="Send my answer").click()
    expect(
        alice.get_by_text("Thank you. Your answer is with your partner.")
    ).to_be_visible()
    # Her own answer shows; the letter itself is folded away again until she opens it.
    expect(alice.get_by_text("You: “Not yet.”")).to_be_visible()
    expect(words).to_be_hidden()
    _look(alice, "letter-3-alice-answered")

    bob_phone.goto(base + "/repair/letter/")
    expect(bob_phone.get_by_text("Alice: “Not yet.”")).to_be_visible()
    expect(bob_phone.get_by_text("no explanation is owed")).to_be_visible()
    _look(bob_phone, "letter-4-bob-sees-not-yet")
