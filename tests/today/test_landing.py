"""The first page a visitor sees: what Mend is, who it is for and not for, what a partner sees."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


@pytest.fixture
def landing(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_it_says_what_mend_is_and_who_it_is_for(landing):
    assertContains(landing, "Who it is for")
    assertContains(landing, "follows the pace of the partner who was hurt")
    assertContains(landing, "doesn't replace a therapist")
    assertContains(landing, "not a way to watch or check on a partner")


def test_it_says_who_it_is_not_for_and_where_to_turn(landing):
    assertContains(landing, "When Mend is not the right place")
    for reason in ("afraid of the other", "violence", "still going on"):
        assertContains(landing, reason)
    assertContains(landing, 'href="/safety/#when-to-wait"')
    assertContains(landing, 'href="/safety/"')


def test_it_says_what_a_partner_can_and_cannot_see(landing):
    assertContains(landing, "They can see")
    assertContains(landing, "They cannot see")
    assertContains(landing, "Your journal, notes and drafts, unless you share them")


def test_it_says_who_runs_this_mend(landing):
    assertContains(landing, "Who runs this Mend")
    assertContains(landing, "run by whoever set it up")


def test_its_glimpse_of_the_screens_is_static_and_self_contained(landing):
    page = landing.content.decode()
    glimpse = page.split('class="glimpse"')[1].split("</figure>")[0]
    assert "<img" not in glimpse
    assert "Hello, Robin" in glimpse
    assert "made-up names" in glimpse
    # Nothing on the page is fetched from anywhere else: no outside images, scripts or styles.
    assert not re.search(r'src="(https?:)?//', page)
    assert not re.search(r'<link[^>]+href="(https?:)?//', page)
    assertContains(landing, "/static/css/landing.css")


def test_it_keeps_the_way_in(landing):
    assertContains(landing, 'href="/accounts/signup/"')
    assertContains(landing, 'href="/accounts/login/"')
    assertNotContains(landing, "Sign out")


def test_a_signed_in_person_gets_today_instead(client, alice):
    client.force_login(alice)
    response = client.get("/")
    assertNotContains(response, "Who runs this Mend")
    assertContains(response, "Hello, Alice")
