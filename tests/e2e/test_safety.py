"""Quick exit and what a shared device keeps (R22, R23), in a real browser with the real CSP."""

import time

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD

from .helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SENSITIVE = ["/journal/", "/checkins/", "/inbox/", "/repair/", "/settings/"]


def sign_in(browser, base: str, email: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda m: (
            page.csp_errors.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(base + "/")
    return context, page


def session_key(context) -> str:
    (cookie,) = [c for c in context.cookies() if c["name"].endswith("sessionid")]
    return cookie["value"]


def assert_session_ends_within_a_second(key: str) -> None:
    deadline = time.monotonic() + 1.0
    while Session.objects.filter(session_key=key).exists():
        assert time.monotonic() < deadline, (
            "the session outlived quick exit by over 1 s"
        )
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_r22_quick_exit_leaves_at_once_and_ends_the_session(
    browser, live_server, couple, settings, how
):
    base = live_server.url
    settings.QUICK_EXIT_URL = base + "/healthz"
    context, page = sign_in(browser, base, "alice@example.com")
    page.goto(base + "/journal/")
    expect(page.get_by_role("heading", name="Your journal")).to_be_visible()
    key = session_key(context)

    started = time.monotonic()
    if how == "button":
        page.get_by_role("link", name="Quick exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(base + "/healthz", timeout=5000)
    assert time.monotonic() - started < 5
    assert_session_ends_within_a_second(key)

    # location.replace: the journal is no longer in the history, and Back shows no app content.
    page.evaluate("history.back()")
    page.wait_for_load_state()
    assert "/journal/" not in page.url
    assert page.locator("nav.site-nav").count() == 0
    # The journal's own heading is gone (the front page may still mention a journal in words).
    assert page.get_by_role("heading", name="Your journal").count() == 0
    assert page.csp_errors == []
    context.close()


def test_r23_a_shared_device_keeps_no_copies_of_pages(browser, live_server, couple):
    base = live_server.url
    context, page = sign_in(browser, base, "alice@example.com")
    page.goto(base + "/")
    for path in SENSITIVE:
        # Navigate the way htmx does (swap the body, push the URL), which is when htmx 2 would
        # keep a copy of the page it leaves in localStorage.
        page.evaluate(
            """path => {
                const link = document.createElement("a");
                link.setAttribute("hx-get", path);
                link.setAttribute("hx-target", "body");
                link.setAttribute("hx-push-url", "true");
                link.textContent = "go";
                document.body.appendChild(link);
                htmx.process(link);
                link.click();
            }""",
            path,
        )
        page.wait_for_url(base + path)
        page.wait_for_load_state("networkidle")
    check_accessibility(page)
    screenshot(page, "safety-r23-after-browsing")
    stored = page.evaluate(
        """async () => ({
            historyCache: localStorage.getItem("htmx-history-cache"),
            local: Object.entries(localStorage),
            session: Object.entries(sessionStorage),
            databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
        })"""
    )
    assert stored["historyCache"] is None
    for key, value in stored["local"] + stored["session"]:
        assert "<" not in value, f"{key} holds markup"
    assert stored["databases"] == []
    assert page.csp_errors == []
    context.close()


def test_the_safety_page_reads_well_on_a_phone(browser, live_server, couple):
    base = live_server.url
    context, page = sign_in(browser, base, "alice@example.com")
    page.get_by_role("link", name="Safety", exact=True).click()
    expect(page.get_by_role("heading", name="Safety", exact=True)).to_be_visible()
    check_accessibility(page)
    screenshot(page, "safety-page")
    page.get_by_label("Yes, sign out my other devices").check()
    page.get_by_role("button", name="Do the safety reset").click()
    expect(page.get_by_text("Done. Your other devices are signed out")).to_be_visible()
    page.get_by_role("link", name="Settings", exact=True).click()
    check_accessibility(page)
    screenshot(page, "settings-hub")
    assert page.csp_errors == []
    context.close()
