"""A therapist's header and home are the therapist's: their couples, invitations and settings, never a
partner's rooms, check-in or the question about their part in a betrayal. Quick exit stays for all."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.accounts.factories import UserFactory

from .factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

PARTNER_TABS = ("repair:index", "checkins:today", "journal:index", "prompts:inbox")


def header_of(response) -> str:
    page = response.content.decode()
    return page[page.index("<header") : page.index("</header>")]


def assert_therapist_header(response) -> None:
    header = header_of(response)
    for tab in PARTNER_TABS:
        assert f'href="{reverse(tab)}"' not in header, tab
    assert ">Today<" not in header
    assert "Pause" not in header
    assert 'id="quick-exit"' in header
    assert f'href="{reverse("privacy:settings")}"' in header


def test_an_approved_therapist_sees_their_own_navigation(client, approved_theo):
    client.force_login(approved_theo)
    response = client.get(reverse("therapists:dashboard"))
    assert_therapist_header(response)
    header = header_of(response)
    assert "Your couples" in header
    assert f'href="{reverse("therapists:dashboard")}#invitations"' in header
    assert 'id="invitations"' in response.content.decode()


def test_the_therapist_header_follows_them_to_settings(client, approved_theo):
    client.force_login(approved_theo)
    assert_therapist_header(client.get(reverse("privacy:settings")))


def test_the_therapist_header_is_on_a_couple_page(client, granted, approved_theo):
    client.force_login(approved_theo)
    response = client.get(reverse("therapists:couple", args=[granted.code]))
    assert response.status_code == 200
    assert_therapist_header(response)


def test_an_approved_therapist_is_home_on_their_dashboard(client, approved_theo):
    client.force_login(approved_theo)
    response = client.get(reverse("home"))
    assertRedirects(response, reverse("therapists:dashboard"))


def test_a_therapist_waiting_for_approval_has_a_calm_home(client, theo):
    client.force_login(theo)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("therapists:register"), 302)]
    page = response.content.decode()
    assert "Waiting for approval" in page
    assert "Which describes your part" not in page
    assert "Your registration" in header_of(response)
    assert "Your couples" not in header_of(response)
    assert_therapist_header(response)


def test_a_therapist_never_meets_the_partners_start_page(client, approved_theo):
    client.force_login(approved_theo)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert "Which describes your part" not in page
    assert "Today's check-in" not in page


def test_a_partner_keeps_the_partner_navigation(client, alice, couple):
    client.force_login(alice)
    header = header_of(client.get(reverse("home")))
    for tab in PARTNER_TABS:
        assert f'href="{reverse(tab)}"' in header, tab
    assert "Your couples" not in header


def test_someone_without_a_couple_or_a_practice_gets_the_partner_start(client):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Which describes your part" in response.content.decode()
    assert f'href="{reverse("checkins:today")}"' in header_of(response)


def test_a_therapist_who_is_also_a_partner_keeps_their_couple_home(
    client, alice, bob, couple, approved_theo
):
    full_access(couple, approved_theo, alice, bob)
    make_therapist(alice)
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert f'href="{reverse("checkins:today")}"' in header_of(response)


def test_a_therapist_is_not_asked_about_their_part_in_a_betrayal(client, approved_theo):
    client.force_login(approved_theo)
    response = client.get(reverse("couples:start"))
    page = response.content.decode()
    assert 'name="role"' not in page
    assert "therapist account" in page
    assert_therapist_header(response)


def test_someone_without_a_couple_is_still_offered_the_start(client):
    client.force_login(UserFactory())
    assert 'name="role"' in client.get(reverse("couples:start")).content.decode()
