"""The person's country, in settings: suggested from their time zone, theirs to change."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

SETTINGS = "/settings/"


def test_settings_suggest_the_country_of_the_time_zone(client, alice):
    alice.timezone = "Australia/Sydney"
    alice.save()
    client.force_login(alice)
    response = client.get(SETTINGS)
    assertContains(response, '<label for="id_country">Your country:</label>', html=True)
    assertContains(
        response, '<option value="AU" selected>Australia</option>', html=True
    )
    assertContains(response, "Suggested from your time zone")
    assertContains(response, "The Safety page shows emergency numbers and helplines")


def test_a_time_zone_without_a_country_suggests_nothing(client, alice):
    alice.timezone = "UTC"
    alice.save()
    client.force_login(alice)
    response = client.get(SETTINGS)
    assertContains(response, '<option value="" selected>Not set</option>', html=True)
    assertNotContains(response, "Suggested from your time zone")


def test_saving_a_country_keeps_it_and_the_safety_page_follows(client, alice):
    client.force_login(alice)  # Europe/London: GB is suggested
    response = client.post(reverse("privacy:settings_country"), {"country": "IE"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.country == "IE"
    page = client.get(SETTINGS)
    assertContains(page, '<option value="IE" selected>Ireland</option>', html=True)
    assertNotContains(page, "Suggested from your time zone")
    assertContains(client.get("/safety/"), "Help lines in Ireland")


def test_a_country_can_be_cleared(client, alice):
    alice.country = "DE"
    alice.save()
    client.force_login(alice)
    client.post(reverse("privacy:settings_country"), {"country": ""})
    alice.refresh_from_db()
    assert alice.country == ""


def test_an_unknown_country_is_refused_and_nothing_changes(client, alice):
    client.force_login(alice)
    response = client.post(reverse("privacy:settings_country"), {"country": "XX"})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.country == ""


def test_only_the_person_changes_their_country(client, alice, bob, couple):
    client.force_login(bob)
    client.post(reverse("privacy:settings_country"), {"country": "US"})
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.country, bob.country) == ("", "US")


def test_signed_out_posting_a_country_leads_to_sign_in(client, db):
    response = client.post(reverse("privacy:settings_country"), {"country": "US"})
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_the_country_form_refuses_get(client, alice):
    client.force_login(alice)
    assert client.get(reverse("privacy:settings_country")).status_code == 405
