"""On a phone, the journal offers each role its own response words; ticking one shows its note."""

import pytest
from playwright.sync_api import expect

from couples.models import Role
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("role", "word", "other_side"),
    [
        (Role.INJURED, "Flashbacks or intrusive images", "Shame"),
        (Role.INVOLVED, "Shame", "Flashbacks or intrusive images"),
        (Role.MUTUAL, "Shame", None),
    ],
)
def test_each_role_is_offered_its_own_words_with_their_notes(
    browser, live_server, role, word, other_side
):
    person = UserFactory(email=f"{role}@example.com", display_name="Sam")
    partner_role = {Role.INJURED: Role.INVOLVED, Role.INVOLVED: Role.INJURED}
    pair(
        person, UserFactory(), first_role=role, second_role=partner_role.get(role, role)
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, person.email)
    page.goto(live_server.url + "/journal/new/")
    words = page.locator("fieldset.response-tags")
    expect(words.get_by_label(word, exact=True)).to_be_visible()
    if other_side:
        expect(words.get_by_label(other_side, exact=True)).to_have_count(0)
    else:
        expect(words.get_by_label("Flashbacks or intrusive images")).to_be_visible()
    box = words.get_by_label(word, exact=True)
    note = page.locator(f"#{box.get_attribute('id')}-note")
    expect(note).to_be_hidden()
    box.check()
    expect(note).to_be_visible()  # its own normalising note shows once ticked
    check_accessibility(page)
    words.scroll_into_view_if_needed()
    screenshot(page, f"journal-words-{role}")
    context.close()
