"""After leaving, the Repair page on a phone leads to the person's own writing."""

import importlib

import pytest
from playwright.sync_api import expect

from couples.access import active_membership
from couples.pairing import leave_couple
from repair import letters, questions

from .helpers import ARTIFACTS, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(transactional_db):

    importlib.import_module("repair.starter_content").load()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def test_after_leaving_the_repair_page_leads_to_your_own_writing(
    live_server, content, couple, alice, bob, phone
):
    bob_m, alice_m = active_membership(bob), active_membership(alice)
    letters.save_draft(
        letter=letters.letter_for(bob_m), sections={"what_i_did": "A draft of mine"}
    )
    question = questions.ask(membership=alice_m, text="A question")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    questions.answer(question=question, membership=bob_m, text="My answer")
    leave_couple(user=alice)

    log_in(phone, live_server.url, "bob@example.com")
    phone.goto(live_server.url + "/repair/")
    expect(phone.get_by_role("heading", name="What you wrote here")).to_be_visible()
    check_accessibility(phone)
    screenshot(phone, "after-leaving-repair")
    phone.screenshot(path=ARTIFACTS / "after-leaving-repair.png", full_page=True)
    phone.get_by_role("link", name="Your questions and the answers you wrote").click()
    expect(phone.get_by_text("My answer")).to_be_visible()
    check_accessibility(phone)
    phone.screenshot(path=ARTIFACTS / "after-leaving-questions.png", full_page=True)
