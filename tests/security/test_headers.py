"""R2, R3, R6: the headers every response carries, checked through Django's test client."""

import re

import pytest
from django.test import Client
from django.urls import reverse

SENSITIVE = ["/", "/journal/", "/checkins/", "/inbox/", "/settings/", "/safety/"]
# Pages whose views carry no cache decorator of their own: the middleware alone keeps them out
# of every cache.
UNDECORATED = ["/steady/", "/steady/card/", "/steady/dates/", "/couples/care/"]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def signed_in(alice, couple):
    client = Client()
    client.force_login(alice)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("path", SENSITIVE)
def test_r2_sensitive_pages_send_a_strict_csp_with_a_fresh_nonce(signed_in, path):
    nonces = []
    for _ in range(2):
        response = signed_in.get(path, secure=True)
        assert response.status_code == 200
        csp = csp_directives(response.headers["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        script = csp["script-src"]
        for bad in ("'unsafe-inline'", "'unsafe-eval'", "http:", "https:", "*"):
            assert bad not in script
        assert all(s == "'self'" or s.startswith("'nonce-") for s in script), script
        (nonce,) = [s for s in script if s.startswith("'nonce-")]
        nonces.append(nonce)
        # The page uses that nonce on its scripts.
        assert f'nonce="{nonce[7:-1]}"' in response.text
    assert nonces[0] != nonces[1]


def assert_baseline_headers(response) -> None:
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age, hsts
    assert int(max_age.group(1)) >= 31536000, hsts
    assert "includeSubDomains" in hsts
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy") in {"same-origin", "no-referrer"}
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin"
    assert "camera=()" in response.headers.get("Permissions-Policy", "")


@pytest.mark.django_db
def test_r3_every_kind_of_response_has_the_baseline_headers(signed_in, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client(raise_request_exception=False)
    client.cookies = signed_in.cookies
    responses = {
        "page": client.get("/journal/", secure=True),
        "htmx partial": client.get(
            reverse("prompts:badge"), secure=True, headers={"HX-Request": "true"}
        ),
        "404": client.get("/no-such-page/", secure=True),
        "static": client.get("/static/js/mend.js", secure=True),
        "anonymous": Client().get("/accounts/login/", secure=True),
    }
    assert responses["404"].status_code == 404
    assert responses["static"].status_code == 200
    for kind, response in responses.items():
        try:
            assert_baseline_headers(response)
        except AssertionError as error:
            raise AssertionError(f"{kind}: {error}") from error


@pytest.mark.django_db
def test_r3_a_server_error_has_the_baseline_headers(signed_in, monkeypatch):
    from today import views

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", broken)
    client = Client(raise_request_exception=False)
    client.cookies = signed_in.cookies
    response = client.get("/", secure=True)
    assert response.status_code == 500
    assert_baseline_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", [*SENSITIVE, *UNDECORATED, "/accounts/login/", "/accounts/2fa/"]
)
def test_r6_pages_are_never_stored_by_caches(signed_in, path):
    response = signed_in.get(path, secure=True)
    # Signed in, the sign-in page sends you home.
    assert response.status_code in (200, 302)
    cache_control = response.headers.get("Cache-Control", "")
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.django_db
def test_r6_htmx_partials_are_never_stored_either(signed_in):
    response = signed_in.get(reverse("prompts:badge"), headers={"HX-Request": "true"})
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["account_logout", "quick_exit"])
def test_r6_signing_out_clears_site_data(signed_in, url_name):
    response = signed_in.post(reverse(url_name), secure=True)
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
