"""The crisis-line table: every seeded number cites its source, and stale rows stand out."""

import datetime
import importlib
import tomllib

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from privacy import crisis
from privacy.models import CHECK_EVERY, CrisisLine
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff

seed_module = importlib.import_module("privacy.starter_content")


@pytest.fixture
def staff(db):
    return UserFactory(email="sam@example.com", is_staff=True, is_superuser=True)


def seeded_rows() -> list[dict]:
    return tomllib.loads(seed_module.CONTENT.read_text(encoding="utf-8"))["lines"]


def test_every_seeded_line_cites_an_https_source_and_the_day_it_was_checked():
    rows = seeded_rows()
    assert len(rows) >= 20
    for row in rows:
        assert row["source_url"].startswith("https://"), row["service"]
        assert isinstance(row["last_checked"], datetime.date), row["service"]
        assert row.get("phone") or row.get("text_number"), row["service"]
        assert crisis.is_country(row["country"]), row["country"]
        assert row["kind"] in CrisisLine.Kind.values, row["service"]


def test_each_seeded_country_has_its_emergency_number_and_a_crisis_line():
    by_country: dict[str, set[str]] = {}
    for row in seeded_rows():
        by_country.setdefault(row["country"], set()).add(row["kind"])
    assert set(by_country) >= {"US", "GB", "CA", "AU", "IE", "NZ", "DE", "IN"}
    for country, kinds in by_country.items():
        assert {"emergency", "crisis"} <= kinds, country


@pytest.mark.django_db
def test_the_database_holds_every_seeded_line_with_its_source():
    rows = seeded_rows()
    assert CrisisLine.objects.count() == len(rows)
    assert not CrisisLine.objects.filter(source_url="").exists()
    assert not CrisisLine.objects.filter(last_checked__isnull=True).exists()
    samaritans = CrisisLine.objects.get(country="GB", service="Samaritans")
    assert samaritans.phone == "116 123"
    assert samaritans.phone_href == "tel:116123"


@pytest.mark.django_db
def test_seeding_again_never_puts_back_a_number_staff_corrected():
    line = CrisisLine.objects.get(country="US", kind="emergency")
    line.phone = "911 (corrected)"
    line.save()
    seed_module.load()
    line.refresh_from_db()
    assert line.phone == "911 (corrected)"
    assert CrisisLine.objects.count() == len(seeded_rows())


@pytest.mark.django_db
def test_a_line_needs_a_number_to_call_or_text():
    with pytest.raises(IntegrityError):
        CrisisLine.objects.create(
            country="FR",
            kind="crisis",
            service="Nothing to dial",
            source_url="https://example.org/",
            last_checked=timezone.localdate(),
        )


def test_check_by_is_a_year_after_the_last_check():
    today = timezone.localdate()
    line = CrisisLine(last_checked=today - CHECK_EVERY)
    assert line.check_by == today
    assert not line.is_overdue(today)
    assert line.is_overdue(today + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_the_admin_flags_lines_past_their_check_by_date(client, staff):
    today = timezone.localdate()
    stale = CrisisLine.objects.get(country="GB", service="Samaritans")
    stale.last_checked = today - CHECK_EVERY - datetime.timedelta(days=3)
    stale.save()
    CrisisLine.objects.exclude(pk=stale.pk).update(
        last_checked=today - datetime.timedelta(days=10)
    )
    sign_in_staff(client, staff)
    url = reverse("admin:privacy_crisisline_changelist")

    overdue = client.get(url, {"check": "overdue"})
    assert overdue.status_code == 200
    assert list(overdue.context["cl"].result_list) == [stale]

    current = client.get(url, {"check": "current"})
    assert stale not in current.context["cl"].result_list
    assert len(current.context["cl"].result_list) == CrisisLine.objects.count() - 1

    # The unfiltered list puts the oldest check first, flagged; the others are not.
    everything = client.get(url)
    assert everything.context["cl"].result_list[0] == stale
    table = everything.content.decode().split('id="result_list"')[1]
    rows = table.split("</table>")[0].split("</tr>")
    assert "past check-by date" in rows[0].lower()
    assert 'alt="True"' in rows[1]
    assert not any('alt="True"' in row.split("field-published")[0] for row in rows[2:])


@pytest.mark.django_db
def test_staff_can_mark_lines_checked_today(client, staff):
    line = CrisisLine.objects.get(country="AU", service="Lifeline")
    line.last_checked = timezone.localdate() - datetime.timedelta(days=800)
    line.save()
    sign_in_staff(client, staff)
    client.post(
        reverse("admin:privacy_crisisline_changelist"),
        {"action": "mark_checked_today", "_selected_action": [line.pk]},
    )
    line.refresh_from_db()
    assert line.last_checked == timezone.localdate()
    assert not line.is_overdue()


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("America/Los_Angeles", "US"),
        ("US/Pacific", "US"),
        ("America/Toronto", "CA"),
        ("Australia/Sydney", "AU"),
        ("Pacific/Auckland", "NZ"),
        ("Europe/Dublin", "IE"),
        ("Europe/Berlin", "DE"),
        ("Asia/Kolkata", "IN"),
        ("Asia/Calcutta", "IN"),
        ("Europe/Paris", "FR"),
        ("UTC", ""),
        ("Etc/GMT+5", ""),
    ],
)
def test_a_time_zone_suggests_its_country(zone, country):
    assert crisis.suggest_country(zone) == country


def test_every_zone_a_person_can_choose_suggests_a_known_country_or_none():
    from core.timezones import timezone_choices

    for zone, _ in timezone_choices():
        suggested = crisis.suggest_country(zone)
        assert suggested == "" or crisis.is_country(suggested), zone


def test_country_names_read_plainly():
    assert crisis.country_name("GB") == "United Kingdom"
    assert crisis.country_name("DE") == "Germany"
