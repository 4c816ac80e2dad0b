"""The manifest, the service worker script and the offline page (reach/views.py)."""

import json

import pytest
from django.contrib.staticfiles import finders

from prompts import discreet
from prompts.preferences import preferences_for

pytestmark = pytest.mark.django_db


def test_the_manifest_is_neutral_for_anyone_signed_out(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == data["short_name"] == "Notes"
    assert data["display"] == "standalone"
    assert data["start_url"] == data["scope"] == data["id"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    assert all("plain-" in icon["src"] for icon in data["icons"])
    assert "description" not in data
    assert "Mend" not in response.content.decode()


def test_the_manifest_is_neutral_in_discreet_mode_and_mends_own_without(client, alice):
    client.force_login(alice)
    session = client.session
    session[discreet.SESSION_KEY] = True
    session.save()
    assert json.loads(client.get("/manifest.webmanifest").content)["name"] == "Notes"

    preferences = preferences_for(alice)
    preferences.discreet = False
    preferences.save()
    session[discreet.SESSION_KEY] = False
    session.save()
    data = json.loads(client.get("/manifest.webmanifest").content)
    assert data["name"] == "Mend"
    assert all("mend-" in icon["src"] for icon in data["icons"])


def test_every_icon_in_the_manifest_exists_at_its_size(client):
    data = json.loads(client.get("/manifest.webmanifest").content)
    for look in ("plain", "mend"):
        for icon in data["icons"]:
            name = icon["src"].rsplit("/", 1)[1].replace("plain", look)
            path = finders.find(f"img/{name}")
            assert path, name
            with open(path, "rb") as png:
                header = png.read(24)
            size = int.from_bytes(header[16:20], "big")
            assert icon["sizes"] == f"{size}x{size}"


def test_every_page_links_the_manifest_and_both_theme_colours(client, alice):
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert (
        'name="theme-color" content="#f7f5f2" media="(prefers-color-scheme: light)"'
        in page
    )
    assert 'media="(prefers-color-scheme: dark)"' in page


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    source = response.content.decode()
    assert 'var OFFLINE_URL = "/offline/"' in source
    assert "/static/css/mend.css" in source


def test_the_offline_page_holds_nothing_from_a_session(client, alice):
    client.force_login(alice)
    response = client.get("/offline/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No connection just now" in page
    assert "<title>Notes</title>" in page
    for private in ("Alice", alice.email, "csrfmiddlewaretoken", "X-CSRFToken"):
        assert private not in page
    # The same for everyone, byte for byte.
    client.logout()
    assert client.get("/offline/").content.decode() == page
