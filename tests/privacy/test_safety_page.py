"""The Safety page: what to do right now, the lines for the person's country, and when couples
work should wait. Every promise of help in the copy leads here."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from privacy.models import CrisisLine
from repair.models import Exercise
from repair.rendering import render_markdown

SAFETY = "/safety/"


def test_a_signed_out_visitor_sees_what_to_do_and_is_asked_for_a_country(client, db):
    response = client.get(SAFETY)
    assertContains(response, 'id="self-harm"')
    assertContains(response, "If you are thinking of harming yourself")
    assertContains(response, 'id="when-to-wait"')
    assertContains(response, "Choose your country")
    assertContains(response, '<select name="country"')
    # No country yet: general emergency advice, never one country's helplines.
    assertContains(response, "<strong>112</strong>")
    assertNotContains(response, "Samaritans")


def test_a_signed_out_visitor_can_look_up_a_country(client, db):
    response = client.get(SAFETY, {"country": "gb"})
    assertContains(response, "Help lines in United Kingdom")
    assertContains(response, 'href="tel:116123"')
    assertContains(response, "Call 116 123")
    assertContains(response, 'href="tel:999"')
    assertContains(response, "Text SHOUT to 85258")
    assertContains(response, "National Domestic Abuse Helpline")
    assertContains(response, 'href="https://www.samaritans.org/"')
    assertContains(response, '<option value="GB" selected>')


def test_each_shown_line_links_its_source(client, db):
    response = client.get(SAFETY, {"country": "US"})
    for line in CrisisLine.objects.filter(country="US"):
        assertContains(response, f'href="{line.source_url}"')
    assertContains(response, "988 Suicide &amp; Crisis Lifeline")
    assertContains(response, "Text START to 88788")


def test_a_signed_in_person_sees_their_own_countrys_lines(client, alice):
    alice.country = "AU"
    alice.save()
    client.force_login(alice)
    response = client.get(SAFETY)
    assertContains(response, "Help lines in Australia")
    assertContains(response, 'href="tel:000"')
    assertContains(response, "Lifeline")
    assertContains(response, "1800RESPECT")
    assertNotContains(response, "We guessed")
    # Where to turn instead names the country's abuse lines.
    when = response.content.decode().split('id="when-to-wait"')[1]
    assert "1800RESPECT" in when


def test_without_a_saved_country_the_time_zone_suggests_one(client, alice):
    alice.timezone = "Europe/Berlin"
    alice.save()
    client.force_login(alice)
    response = client.get(SAFETY)
    assertContains(response, "Help lines in Germany")
    assertContains(response, "TelefonSeelsorge")
    assertContains(response, "We guessed Germany from your time zone")


def test_a_signed_in_person_can_look_up_another_country(client, alice):
    alice.country = "GB"
    alice.save()
    client.force_login(alice)
    response = client.get(SAFETY, {"country": "NZ"})
    assertContains(response, "Help lines in New Zealand")
    assertContains(response, 'href="tel:1737"')
    assertNotContains(response, "Samaritans")


def test_a_country_without_checked_numbers_says_so_and_gives_emergency_advice(
    client, alice
):
    alice.country = "FR"
    alice.save()
    client.force_login(alice)
    response = client.get(SAFETY)
    assertContains(response, "We don't have checked numbers for France yet")
    assertContains(response, "<strong>112</strong>")
    assertContains(response, "If you are thinking of harming yourself")


def test_an_unknown_country_code_is_ignored(client, db):
    response = client.get(SAFETY, {"country": "ZZ<script>"})
    assert response.status_code == 200
    assertContains(response, "Choose your country")


def test_an_unpublished_line_is_not_shown(client, db):
    CrisisLine.objects.filter(country="GB", service="Samaritans").update(
        published=False
    )
    response = client.get(SAFETY, {"country": "GB"})
    assertNotContains(response, "Samaritans")
    assertContains(response, "National Domestic Abuse Helpline")


def test_when_couples_work_should_wait_names_each_reason(client, db):
    when = client.get(SAFETY).content.decode().split('id="when-to-wait"')[1]
    for reason in (
        "affair or contact is still going on",
        "afraid of your partner",
        "violence",
        "forced into sexual acts",
        "controls the other",
    ):
        assert reason in when, reason
    assert "Where to turn instead" in when
    assert "on your own" in when


def test_the_safety_reset_refusal_still_shows_the_help(client, alice):
    alice.country = "IE"
    alice.save()
    client.force_login(alice)
    response = client.post(reverse("privacy:safety_reset"), {})
    assert response.status_code == 400
    assertContains(response, "Help lines in Ireland", status_code=400)


def test_the_safety_page_costs_one_query_signed_out(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        client.get(SAFETY, {"country": "GB"})


@pytest.mark.django_db
def test_the_grief_exercise_promise_of_help_links_to_the_self_harm_section(client):
    exercise = Exercise.objects.get(slug="grief-and-anger")
    assert "harming yourself" in exercise.if_it_hurts
    html = render_markdown(exercise.if_it_hurts)
    assert 'href="/safety/#self-harm"' in html
    # The anchor it points at is there.
    assertContains(client.get(SAFETY), 'id="self-harm"')


def test_every_link_to_the_safety_page_points_at_an_anchor_it_has(client, db):
    import re
    from pathlib import Path

    from django.conf import settings

    page = client.get(SAFETY).content.decode()
    anchors = set(re.findall(r'id="([^"]+)"', page))
    sources = [
        *Path(settings.BASE_DIR, "templates").rglob("*.html"),
        *Path(settings.BASE_DIR, "repair", "content").glob("*.toml"),
    ]
    found = 0
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for fragment in re.findall(
            r"(?:privacy:safety' %\}|/safety/)#([A-Za-z0-9_-]+)", text
        ):
            found += 1
            assert fragment in anchors, f"{path.name} links to #{fragment}"
    assert found >= 4


@pytest.mark.parametrize("name", ["landing", "start", "invite", "join"])
def test_the_first_pages_say_when_couples_work_should_wait(client, alice, bob, name):
    from couples.pairing import create_invitation, start_couple

    if name == "landing":
        response = client.get("/")
    elif name == "start":
        client.force_login(alice)
        response = client.get(reverse("couples:start"))
    else:
        couple = start_couple(user=alice, role="injured")
        invitation = create_invitation(membership=couple.memberships.get(user=alice))
        if name == "invite":
            client.force_login(alice)
            response = client.get(reverse("couples:invite", args=[couple.code]))
        else:
            client.force_login(bob)
            response = client.get(reverse("join", args=[invitation.token]))
    assertContains(response, 'href="/safety/#when-to-wait"')
    assertContains(response, "Couples work should wait if one of you is afraid")


@pytest.mark.django_db
def test_an_install_seeded_before_gets_the_link_and_a_new_version_to_go_back_from():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "repair.migrations.0009_grief_exercise_links_to_safety_page"
    )
    exercise = Exercise.objects.get(slug="grief-and-anger")
    exercise.if_it_hurts = exercise.if_it_hurts.replace(migration.NEW, migration.OLD)
    exercise.save()
    versions = exercise.versions.count()

    migration.link_to_help(apps, None)
    exercise.refresh_from_db()
    assert "(/safety/#self-harm)" in exercise.if_it_hurts
    assert exercise.versions.count() == versions + 1
    assert "(/safety/#self-harm)" in exercise.versions.first().content["if_it_hurts"]

    # Run again, or over a text staff have rewritten: nothing changes.
    migration.link_to_help(apps, None)
    assert exercise.versions.count() == versions + 1
