"""403, 404, 410 and 500 are still Mend: the discreet title, the quick exit, a calm sentence and a
way home, with DEBUG off as in production (the test settings have it off)."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.test import RequestFactory, override_settings
from django.urls import path
from pytest_django.asserts import assertContains, assertNotContains

from config.urls import (
    handler500,  # noqa: F401  (this URLconf answers a crash as the site does)
    server_error,
)
from config.urls import urlpatterns as site_urlpatterns

# This module doubles as a URLconf: the site's routes, its 500 handler, and views that fail.


def _raises(request):
    raise RuntimeError("something broke")


def _refuses(request):
    raise PermissionDenied


def _gone(request):
    return render(request, "410.html", status=410)


urlpatterns = [
    path("test/raises/", _raises),
    path("test/refuses/", _refuses),
    path("test/gone/", _gone),
    *site_urlpatterns,
]

failing_views = override_settings(ROOT_URLCONF=__name__)


def assert_is_a_mend_page(response, *, status: int, sentence: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert not settings.DEBUG
    assert "<title>Notes</title>" in html, "the discreet title"
    assert 'id="quick-exit"' in html
    assert f'href="{settings.QUICK_EXIT_URL}"' in html
    assert "/static/css/mend.css" in html
    assert sentence in html
    assert re.search(r'<a class="button" href="/">Back to home</a>', html)
    assert "Server Error" not in html
    assert "Not Found" not in html
    assert "Forbidden" not in html
    return html


@pytest.mark.django_db
def test_an_unknown_address_is_a_calm_404(client):
    response = client.get("/no-such-page/")
    assert_is_a_mend_page(response, status=404, sentence="We couldn't find that page.")


@pytest.mark.django_db
def test_a_404_for_someone_signed_in_keeps_their_quick_exit_and_navigation(
    client, alice
):
    client.force_login(alice)
    response = client.get("/journal/00000000-0000-0000-0000-000000000000/")
    html = assert_is_a_mend_page(
        response, status=404, sentence="We couldn't find that page."
    )
    assert 'data-logout-url="/safety/exit/"' in html
    assertContains(response, "Sign out", status_code=404)


@pytest.mark.django_db
def test_the_404_title_follows_discreet_mode_when_it_is_off(client, alice):
    from prompts.discreet import SESSION_KEY

    client.force_login(alice)
    session = client.session
    session[SESSION_KEY] = False
    session.save()
    response = client.get("/no-such-page/")
    assertContains(response, "<title>Page not found · Mend</title>", status_code=404)


@pytest.mark.django_db
def test_a_refusal_with_a_reason_says_it_calmly(client, bob, couple):
    # Bob broke trust; the question box is for Alice's questions to him.
    client.force_login(bob)
    response = client.post("/repair/questions/ask/", {"text": "Why?"})
    assert_is_a_mend_page(
        response,
        status=403,
        sentence="The question box is for your partner&#x27;s questions to you.",
    )
    assertContains(response, "This page isn't open right now.", status_code=403)


@pytest.mark.django_db
@failing_views
def test_a_refusal_without_a_reason_is_a_calm_403(client, alice):
    client.force_login(alice)
    response = client.get("/test/refuses/")
    assert_is_a_mend_page(
        response, status=403, sentence="This page isn't open right now."
    )
    assertContains(response, "It may belong to someone else", status_code=403)


@pytest.mark.django_db
@failing_views
def test_the_gone_page_is_a_calm_410(client, alice):
    client.force_login(alice)
    response = client.get("/test/gone/")
    assert_is_a_mend_page(response, status=410, sentence="This is no longer here.")


@pytest.mark.django_db
def test_a_used_invitation_link_is_a_calm_410(client, alice, couple):
    from couples import pairing
    from tests.accounts.factories import UserFactory

    robin = UserFactory(display_name="Robin")
    started = pairing.start_couple(user=robin, role="injured")
    invitation = pairing.create_invitation(membership=started.memberships.get())
    client.force_login(alice)  # already in a couple: the link has gone for her
    response = client.get(f"/join/{invitation.token}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "<title>Notes</title>" in html
    assert 'id="quick-exit"' in html
    assertContains(response, 'href="/"', status_code=410)


@pytest.mark.django_db
@failing_views
def test_a_crash_is_a_calm_500_with_a_quick_exit_that_still_works(client, alice):
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.get("/test/raises/")
    html = assert_is_a_mend_page(
        response, status=500, sentence="Something went wrong on our side."
    )
    assertNotContains(response, "something broke", status_code=500)
    # The quick exit ends the session too, though the page can't know who is signed in.
    assert 'data-logout-url="/safety/exit/"' in html
    # mend.js runs under the CSP: the script carries this response's nonce.
    (nonce,) = re.findall(r'src="/static/js/mend\.js" nonce="([^"]+)"', html)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_500_page_renders_without_the_database():
    # No django_db mark: any query here fails the test.
    response = server_error(RequestFactory().get("/anything/"))
    html = assert_is_a_mend_page(
        response, status=500, sentence="Something went wrong on our side."
    )
    assert "It isn't anything you did." in html


def test_a_form_with_an_expired_security_token_gets_a_calm_mend_page(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/journal/new/", {"body": "words"})
    assert response.status_code == 403
    assertContains(response, "This page needs a refresh.", status_code=403)
    assertContains(response, 'id="quick-exit"', status_code=403)
    assertContains(response, "Back to home", status_code=403)
    assertNotContains(response, "verification failed", status_code=403)


def test_the_expired_token_page_runs_its_quick_exit_script_under_the_csp(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/journal/new/", {"body": "words"})
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assertContains(
        response, f'src="/static/js/mend.js" nonce="{nonce}"', status_code=403
    )
