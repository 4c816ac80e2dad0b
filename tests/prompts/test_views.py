"""Inbox, bell and reminder settings."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from prompts.models import Frequency, Kind, Preferences, Prompt

pytestmark = pytest.mark.django_db


def make_prompt(user, n=0, text=None) -> Prompt:
    return Prompt.objects.create(
        user=user,
        kind=Kind.CHECKIN,
        key=f"k{n}",
        local_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        text=text or f"Gentle words {n}",
    )


def test_the_inbox_lists_only_your_own_prompts(client, alice, bob):
    make_prompt(alice, text="for alice")
    make_prompt(bob, text="for bob")
    client.force_login(alice)
    response = client.get("/inbox/")
    assertContains(response, "for alice")
    assert b"for bob" not in response.content


def test_marking_read_and_an_outsider_cannot(client, alice, charlie):
    prompt = make_prompt(alice)
    client.force_login(charlie)
    assert client.post(f"/inbox/{prompt.code}/read/").status_code == 404
    client.force_login(alice)
    assertRedirects(client.post(f"/inbox/{prompt.code}/read/"), "/inbox/")
    prompt.refresh_from_db()
    assert prompt.read_at is not None


def test_mark_all_read(client, alice):
    for n in range(3):
        make_prompt(alice, n)
    client.force_login(alice)
    client.post("/inbox/read-all/")
    assert not Prompt.objects.filter(read_at__isnull=True).exists()


def test_the_bell_answers_304_until_something_changes(client, alice):
    make_prompt(alice)
    client.force_login(alice)
    first = client.get("/inbox/badge/", headers={"HX-Request": "true"})
    assert first.status_code == 200
    assertContains(first, "badge--dot")
    etag = first["ETag"]
    assert (
        client.get("/inbox/badge/", headers={"If-None-Match": etag}).status_code == 304
    )
    make_prompt(alice, 1)
    changed = client.get("/inbox/badge/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    # Something new shows as a dot: how many is for the inbox itself, not the header.
    assertContains(changed, "badge--dot")
    assertNotContains(changed, "2")


def test_the_bell_costs_the_same_with_many_prompts(
    client, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    for count in (1, 20, 200):
        Prompt.objects.all().delete()
        Prompt.objects.bulk_create(
            Prompt(
                user=alice,
                kind=Kind.SHARED,
                key=f"e{n}",
                local_date=datetime.date(2026, 1, 1),
                counts_toward_daily_limit=False,
                text="x",
            )
            for n in range(count)
        )
        with django_assert_max_num_queries(3):
            client.get("/inbox/badge/")
        with django_assert_max_num_queries(8):
            client.get("/inbox/")


def test_reminder_settings_save_and_reschedule(client, alice):
    client.force_login(alice)
    response = client.post(
        "/inbox/reminders/",
        {
            "frequency": "few",
            "prompt_hour": 9,
            "quiet_start": 22,
            "quiet_end": 7,
            "timezone": "Asia/Kolkata",
            "email": "on",
        },
    )
    assertRedirects(response, "/inbox/reminders/")
    preferences = Preferences.objects.get(user=alice)
    assert preferences.frequency == Frequency.FEW
    assert preferences.email is True
    alice.refresh_from_db()
    assert alice.timezone == "Asia/Kolkata"
    assert preferences.next_due_at is not None


def test_a_prompt_time_inside_quiet_hours_is_explained_and_kept(client, alice):
    client.force_login(alice)
    response = client.post(
        "/inbox/reminders/",
        {
            "frequency": "daily",
            "prompt_hour": 23,
            "quiet_start": 22,
            "quiet_end": 7,
            "timezone": "UTC",
        },
    )
    assert response.status_code == 400
    assertContains(response, "inside your quiet hours", status_code=400)
    assertContains(response, '<option value="23" selected>', status_code=400)


def test_new_people_get_gentle_default_preferences(client):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Robin",
            "email": "robin@example.com",
            "password1": "a long and gentle passphrase",
            "password2": "a long and gentle passphrase",
            "timezone": "Europe/London",
        },
    )
    preferences = Preferences.objects.get(user__email="robin@example.com")
    assert preferences.discreet is True
    assert preferences.email is False
    assert preferences.next_due_at is not None


@pytest.mark.parametrize("path", ["/inbox/", "/inbox/badge/", "/inbox/reminders/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    assert client.get(path).status_code == 302


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/inbox/read-all/"), ("post", "/inbox/"), ("post", "/inbox/badge/")],
)
def test_wrong_methods_are_refused(client, alice, method, path):
    client.force_login(alice)
    assert getattr(client, method)(path).status_code == 405
