"""Installable and discreet in a real browser: the service worker registers, keeps only static
files and the offline page (never a page with anyone's data), the offline page stands in when
the network is gone, and quick exit and signing out leave nothing of it behind."""

import contextlib
import json
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from prompts.preferences import preferences_for

from .helpers import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WALK = ["/", "/journal/", "/checkins/", "/repair/", "/inbox/", "/inbox/reminders/"]

# Every entry in every cache: its address and what kind of thing it is.
CACHED = """async () => {
    const found = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const response = await cache.match(request);
            found.push({
                cache: name,
                path: new URL(request.url).pathname,
                type: response.headers.get("Content-Type") || "",
                body: await response.clone().text(),
            });
        }
    }
    return found;
}"""
REGISTRATIONS = "async () => (await navigator.serviceWorker.getRegistrations()).length"
READY = "async () => { await navigator.serviceWorker.ready; return !!navigator.serviceWorker.controller || true; }"
# A cache the test adds itself: gone afterwards means everything kept was dropped.
MARK = "async () => { const c = await caches.open('test-mark'); await c.put('/static/mark', new Response('x')); }"


@pytest.fixture
def exit_url(live_server, settings):
    settings.QUICK_EXIT_URL = live_server.url + "/healthz"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def wait_for_worker(page) -> None:
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    # Controlled from the next page on (clients.claim() covers this one too, a moment later).
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "async () => (await caches.keys()).length > 0", polling=100, timeout=10_000
    )


def signed_in_walk(page, base: str) -> None:
    for path in WALK:
        page.goto(base + path)
        expect(page.locator("main")).to_be_visible()


def eventually_nothing_kept(page) -> None:
    deadline = time.monotonic() + 5
    while True:
        kept = page.evaluate("async () => await caches.keys()")
        workers = page.evaluate(REGISTRATIONS)
        if not kept and not workers:
            return
        assert time.monotonic() < deadline, f"still kept: {kept}, {workers} worker(s)"
        page.wait_for_timeout(100)


def test_r23_after_a_signed_in_walk_the_cache_holds_no_page_but_the_offline_one(
    page, live_server, alice, couple
):
    alice.display_name = "Zephyrine"
    alice.save()
    log_in(page, live_server.url, "alice@example.com")
    wait_for_worker(page)
    signed_in_walk(page, live_server.url)

    entries = page.evaluate(CACHED)
    assert entries, "the service worker keeps the static files"
    pages = [e for e in entries if "html" in e["type"] or "<html" in e["body"]]
    assert [e["path"] for e in pages] == ["/offline/"]
    assert all(
        e["path"].startswith("/static/") or e["path"] == "/offline/" for e in entries
    ), entries
    for entry in entries:
        for private in ("Zephyrine", "alice@example.com", 'name="csrfmiddlewaretoken"'):
            assert private not in entry["body"], (entry["path"], private)


def test_the_offline_page_stands_in_when_the_network_is_gone(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    wait_for_worker(page)
    page.context.set_offline(True)
    page.goto(live_server.url + "/journal/")
    expect(page.get_by_role("heading", name="No connection just now")).to_be_visible()
    assert page.title() == "Notes"
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
    # Back online, "try again" brings back the page that was asked for.
    assert page.url == live_server.url + "/journal/"
    page.context.set_offline(False)
    page.get_by_role("link", name="try again").click()
    expect(page.get_by_role("link", name="Journal", exact=True)).to_be_visible()
    assert page.url == live_server.url + "/journal/"
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="No connection just now")).to_be_visible()
    # It still looks like the app: the stylesheet came from the cache.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.quick-exit')).display")
        != "inline"
    )
    check_accessibility(page)
    screenshot(page, "offline-page")


def test_r23_quick_exit_leaves_nothing_of_the_app_on_the_device(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    wait_for_worker(page)
    page.evaluate(MARK)
    page.get_by_role("link", name="Quick exit").click()
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_url(exit_url, timeout=5000)
    assert page.url == exit_url
    eventually_nothing_kept(page)


def test_r23_quick_exit_while_offline_still_leaves_nothing_kept(
    page, live_server, alice, exit_url
):
    log_in(page, live_server.url, "alice@example.com")
    wait_for_worker(page)
    page.evaluate(MARK)
    page.context.set_offline(True)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="No connection just now")).to_be_visible()
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_timeout(500)
    page.context.set_offline(False)
    page.goto(exit_url)
    eventually_nothing_kept(page)


def test_r23_signing_out_drops_what_was_kept(page, live_server, alice):
    log_in(page, live_server.url, "alice@example.com")
    wait_for_worker(page)
    page.evaluate(MARK)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/")
    # The landing page may start a fresh worker, with a fresh cache: nothing from before.
    assert "test-mark" not in page.evaluate("async () => await caches.keys()")


def manifest_through_the_browser(page) -> dict:
    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["errors"] == [], found["errors"]
    return json.loads(found["data"])


def test_the_manifest_is_valid_and_follows_discreet_mode(page, live_server, alice):
    page.goto(live_server.url + "/")
    manifest = manifest_through_the_browser(page)
    assert manifest["name"] == "Notes"
    assert manifest["display"] == "standalone"

    preferences = preferences_for(alice)
    preferences.discreet = False
    preferences.save()
    log_in(page, live_server.url, "alice@example.com")
    assert manifest_through_the_browser(page)["name"] == "Mend"


def test_chromium_finds_nothing_that_stops_installing_it(
    browser_type, browser_type_launch_args, live_server, tmp_path
):
    # Installing is not offered in a private window, which a new context is: a profile on disk.
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport=PHONE
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        wait_for_worker(page)
        page.reload()
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
    finally:
        context.close()


def test_the_reminders_page_offers_notifications_for_this_device(
    page, live_server, alice, settings
):
    from tests.reach.push_service import VapidKeys

    keys = VapidKeys()
    settings.VAPID_PUBLIC_KEY = keys.public_b64
    settings.VAPID_PRIVATE_KEY = keys.private_b64
    settings.VAPID_SUBJECT = "mailto:ops@example.org"
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    log_in(page, live_server.url, "alice@example.com")
    page.goto(live_server.url + "/inbox/reminders/")
    button = page.get_by_role("button", name="Send notifications to this device")
    expect(button).to_be_visible()
    expect(
        page.get_by_text("No device gets notifications from Mend yet.")
    ).to_be_visible()
    check_accessibility(page)
    screenshot(page, "reminders-notifications")
    # This browser can't reach a real push service: whatever it answers, the page says so kindly
    # and the button can be tried again.
    button.click()
    status = page.locator("[data-push-status]")
    expect(status).not_to_be_empty(timeout=10_000)
    expect(button).to_be_enabled()
    assert not [p for p in problems if "Content Security Policy" in p], problems
