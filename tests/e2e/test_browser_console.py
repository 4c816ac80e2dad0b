"""The browser has nothing to complain about on Mend's pages: no unknown Permissions-Policy
feature, no refused script or style (CSP), no script error."""

import pytest

from .helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def test_pages_load_without_console_warnings_or_errors(
    page, live_server, alice, couple
):
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(f"{message.type}: {message.text}")
            if message.type in {"warning", "error"}
            else None
        ),
    )
    page.on("pageerror", lambda error: complaints.append(f"pageerror: {error}"))
    page.goto(live_server.url + "/")
    log_in(page, live_server.url, alice.email)
    for path in ["/", "/journal/", "/checkins/", "/repair/", "/safety/", "/settings/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
    assert complaints == []
