"""Shared steps for real-browser tests."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
_axe = Axe()


def check_accessibility(page) -> None:
    """Fails on serious or critical axe-core violations on the page as it is now."""
    results = _axe.run(page)
    bad = [
        v
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in bad
    )
    assert not bad, f"Accessibility problems on {page.url}:\n{details}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def visit(page, url: str, name: str | None = None) -> None:
    page.goto(url)
    check_accessibility(page)
    if name:
        screenshot(page, name)


def last_link_to(email: str, path_fragment: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(
                r"https?://[^\s]+" + re.escape(path_fragment) + r"[^\s]*", message.body
            )
            if match:
                return match.group(0)
    raise AssertionError(f"No email to {email} with a {path_fragment} link")


def sign_up(
    page, base_url: str, *, name: str, email: str, password: str, shot_prefix: str
) -> None:
    """Signs up through the real form, then follows the verification link from the email."""
    check_accessibility(page)
    page.get_by_label("Your first name or a nickname").fill(name)
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill(password)
    page.get_by_label("Password (again)").fill(password)
    screenshot(page, f"{shot_prefix}-1-signup")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check_accessibility(page)

    link = last_link_to(email, "/accounts/confirm-email/")
    page.goto(base_url + link[link.index("/accounts/") :])
    check_accessibility(page)
    page.get_by_role("button", name="Confirm").click()


PERSONA_PASSWORD = "a calm and quiet river"  # tests/accounts/factories.py


def log_in(page, base_url: str, email: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Each person lands on their own first page (a therapist on their dashboard).
    page.wait_for_url(lambda url: "/accounts/" not in url)
