"""A person changes the name they go by; their partner sees the new one."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

pytestmark = pytest.mark.django_db

URL = "/settings/name/"


def test_settings_links_to_the_name_page(client, alice):
    client.force_login(alice)
    assertContains(client.get("/settings/"), f'href="{URL}"')


def test_the_page_shows_the_current_name(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assertContains(response, "Your name in Mend")
    assertContains(response, 'value="Alice"')


def test_a_new_name_is_saved_and_the_partner_sees_it(client, alice, bob, couple):
    client.force_login(alice)
    response = client.post(URL, {"display_name": "  Ali  "})
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    alice.refresh_from_db()
    assert alice.display_name == "Ali"
    client.force_login(bob)
    assertContains(client.get("/"), "You and Ali")


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_an_empty_or_overlong_name_is_refused_kindly(client, alice, name):
    client.force_login(alice)
    response = client.post(URL, {"display_name": name})
    assert response.status_code == 400
    assertContains(response, 'class="errorlist', status_code=400)
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_it_changes_only_ones_own_name(client, alice, bob):
    client.force_login(alice)
    client.post(URL, {"display_name": "Ali", "email": "x@example.com"})
    bob.refresh_from_db()
    alice.refresh_from_db()
    assert bob.display_name == "Bob"
    assert alice.email == "alice@example.com"


def test_signed_out_it_asks_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405
