"""Both partners fill in the menu on their phones; a yes meets only the other side's yes."""

import pytest
from playwright.sync_api import expect

from checkins import consent
from checkins.models import ConsentItem
from couples.access import active_membership
from tests.e2e.helpers import ARTIFACTS, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def phone(browser, base: str, email: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base, email)
    return context, page


def test_a_receiving_yes_meets_a_giving_yes_on_both_phones(
    browser, live_server, alice, bob, couple
):
    for person in (alice, bob):
        consent.opt_in(membership=active_membership(person))
    for slug in ("sit-close", "long-hug"):
        for person in (alice, bob):
            consent.set_answer(
                user=person, item=ConsentItem.objects.get(slug=slug), answer="yes"
            )
    consent.set_answer(
        user=alice, item=ConsentItem.objects.get(slug="oral-receiving"), answer="yes"
    )
    consent.set_answer(
        user=alice,
        item=ConsentItem.objects.get(slug="flirting"),
        answer="maybe",
        note="Maybe — only if we talk first about messages at work.",
    )
    _, alice_page = phone(browser, live_server.url, "alice@example.com")
    _, bob_page = phone(browser, live_server.url, "bob@example.com")
    url = live_server.url + "/checkins/consent/"

    bob_page.goto(url)
    mutual = bob_page.locator("#mutual-list")
    expect(mutual.locator("[data-mutual-item]")).to_have_count(2)
    # Bob says yes to receiving too: no match, nothing new on his screen.
    bob_page.locator("fieldset", has_text="Receiving oral sex").get_by_label(
        "Yes"
    ).check()
    expect(mutual.locator("[data-mutual-item]")).to_have_count(2)
    # Bob says yes to giving: that meets Alice's receiving.
    bob_page.locator("fieldset", has_text="Giving oral sex").get_by_label("Yes").check()
    expect(mutual.locator('[data-mutual-item="oral-giving"]')).to_be_visible()
    check_accessibility(bob_page)
    screenshot(bob_page, "consent-menu-bob")

    alice_page.goto(url)
    expect(alice_page.locator('[data-mutual-item="oral-receiving"]')).to_be_visible()
    expect(alice_page.get_by_text("messages at work")).to_be_attached()
    check_accessibility(alice_page)
    screenshot(alice_page, "consent-menu-alice")
    alice_page.screenshot(path=ARTIFACTS / "consent-menu-alice-top.png")
    alice_page.locator("fieldset", has_text="Flirting").scroll_into_view_if_needed()
    alice_page.screenshot(path=ARTIFACTS / "consent-menu-alice-note.png")
    bob_page.evaluate("window.scrollTo(0, 0)")
    bob_page.screenshot(path=ARTIFACTS / "consent-menu-bob-top.png")
    assert "messages at work" not in bob_page.content()


# Seconds each of two quick answers' replies is held back: the first late (it must not paint over
# the newer list), or the second later still (the first's swap must not leave it nowhere to land).
REPLY_DELAYS = {"first-late": (1.5, 0.0), "second-later": (0.5, 1.5)}


@pytest.mark.parametrize("delays", REPLY_DELAYS.values(), ids=REPLY_DELAYS.keys())
def test_two_quick_answers_leave_the_list_as_the_last_one_says(
    browser, live_server, alice, bob, couple, monkeypatch, delays
):
    """Two answers a moment apart, replies arriving out of step: the list ends as the newer says.

    The fieldsets queue their requests within the form (hx-sync), so the second is sent only once
    the first has been answered and swapped. Seen failing without hx-sync: with the second reply
    later still, it landed on the list element the first reply had already replaced."""
    import threading
    import time

    from checkins import views

    for person in (alice, bob):
        consent.opt_in(membership=active_membership(person))
    consent.set_answer(
        user=alice, item=ConsentItem.objects.get(slug="oral-receiving"), answer="yes"
    )
    _, bob_page = phone(browser, live_server.url, "bob@example.com")
    bob_page.goto(live_server.url + "/checkins/consent/")

    # The live server answers each request in its own thread; each reply is drawn at once and
    # held back by its delay.
    render = views.render
    waits = list(delays)
    lock = threading.Lock()

    def held_reply(request, *args, **kwargs):
        response = render(request, *args, **kwargs)
        if request.method == "POST":
            with lock:
                wait = waits.pop(0) if waits else 0
            time.sleep(
                wait
            )  # not a timed Event wait: libfaketime breaks those (make test-dates)
        return response

    monkeypatch.setattr(views, "render", held_reply)
    bob_page.locator("fieldset", has_text="Receiving oral sex").get_by_label(
        "Yes"
    ).check()
    bob_page.locator("fieldset", has_text="Giving oral sex").get_by_label("Yes").check()
    mutual = bob_page.locator("#mutual-list")
    expect(mutual.locator('[data-mutual-item="oral-giving"]')).to_be_visible()
    bob_page.wait_for_timeout(2500)  # every held reply has arrived by now
    expect(mutual.locator('[data-mutual-item="oral-giving"]')).to_be_visible()
    assert sorted(bob.consent_answers.values_list("answer", flat=True)) == [
        "yes",
        "yes",
    ]
