"""Check-in pages as partner, outsider and anonymous visitor."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checkins import daily
from checkins.models import CheckIn, Light
from core.dates import local_today
from couples.access import active_membership

pytestmark = pytest.mark.django_db

ANSWERS = {
    "light": "yellow",
    "safe": 3,
    "not_performing": 4,
    "can_say_no": 2,
    "can_say_yes": 3,
    "equal": 5,
}
SCORES = {k: v for k, v in ANSWERS.items() if k != "light"}


def test_a_partner_checks_in_and_can_revise_the_same_day(client, alice, couple):
    client.force_login(alice)
    assertRedirects(
        client.post("/checkins/", ANSWERS | {"feelings": "tired, hopeful"}),
        "/checkins/",
    )
    client.post("/checkins/", ANSWERS | {"light": "green"})
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.light == "green"
    assertContains(client.get("/checkins/"), "Your check-in today")


def test_a_missing_light_is_explained_and_the_note_is_kept(client, alice, couple):
    client.force_login(alice)
    response = client.post("/checkins/", {"note": "kept words"})
    assert response.status_code == 400
    assertContains(response, "Please choose a light.", status_code=400)
    assertContains(response, "kept words", status_code=400)
    assert not CheckIn.objects.exists()


def test_a_nul_character_gets_a_clear_message_not_an_error(client, alice, couple):
    client.force_login(alice)
    response = client.post("/checkins/", ANSWERS | {"note": "before\x00after"})
    assert response.status_code == 400
    assertContains(response, "Null characters are not allowed", status_code=400)
    assert not CheckIn.objects.exists()


def test_the_partners_light_shows_only_after_giving_your_own(
    client, alice, bob, couple, other_couple_with_data
):
    daily.record_checkin(
        user=bob, membership=active_membership(bob), light=Light.RED, scores=SCORES
    )
    client.force_login(alice)
    response = client.get("/checkins/")
    assertContains(response, "once you've given your own")
    assertNotContains(response, "red day")
    client.post("/checkins/", ANSWERS)
    response = client.get("/checkins/")
    assertContains(response, "Bob today")
    assertContains(response, "Today is a red day")
    assertContains(response, "Bob has asked for no closeness today.")
    # Dana checked in green in the other couple: never Alice's partner's light.
    assertNotContains(response, "Dana")
    assertNotContains(response, "dana-checkin-canary")


def test_a_red_light_is_met_kindly_with_an_offer_to_pause(client, alice, couple):
    client.force_login(alice)
    client.post("/checkins/", ANSWERS | {"light": "red"})
    response = client.get("/checkins/")
    assertContains(response, "Red is a whole answer")
    assertContains(response, "Pause for now")


def test_someone_without_a_partner_can_still_check_in(client, charlie):
    from couples.pairing import leave_couple

    leave_couple(user=charlie)
    client.force_login(charlie)
    assertRedirects(client.post("/checkins/", ANSWERS), "/checkins/")
    assert CheckIn.objects.get(user=charlie).couple is None


def test_an_outsider_never_sees_another_couples_lights(
    client, alice, bob, couple, other_couple_with_data
):
    daily.record_checkin(
        user=alice,
        membership=active_membership(alice),
        light=Light.RED,
        scores=SCORES,
        note="alice-canary",
        note_shared=True,
    )
    client.force_login(other_couple_with_data.charlie)
    client.post("/checkins/", ANSWERS)
    page = client.get("/checkins/").content.decode()
    assert "alice-canary" not in page
    assert "Alice" not in page
    # Charlie sees his own partner's light and shared note instead.
    assert "Dana today" in page
    assert "dana-checkin-canary" in page


def test_history_shows_weekly_averages_as_a_chart_and_a_table(client, alice, couple):
    today = local_today(alice)
    for days_ago in range(20):
        CheckIn.objects.create(
            user=alice,
            couple=couple,
            local_date=today - datetime.timedelta(days=days_ago),
            light="green",
            **SCORES,
        )
    client.force_login(alice)
    response = client.get("/checkins/history/")
    assertContains(response, "<svg")
    assertContains(response, 'role="img"')
    assertContains(response, "<table")
    assertContains(response, "<td>3.0</td>")
    # Measures over months are one tap away, without a sixth tab in the header.
    assertContains(response, 'href="/measures/"')


def test_history_keeps_a_constant_number_of_queries(
    client, alice, couple, django_assert_max_num_queries
):
    client.force_login(alice)
    today = local_today(alice)
    for count in (1, 20, 200):
        CheckIn.objects.filter(user=alice).delete()
        CheckIn.objects.bulk_create(
            CheckIn(
                user=alice,
                couple=couple,
                local_date=today - datetime.timedelta(days=n),
                light="green",
                **SCORES,
            )
            for n in range(count)
        )
        with django_assert_max_num_queries(6):
            assert client.get("/checkins/history/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/checkins/", "/checkins/history/", "/checkins/consent/"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/checkins/"),
        ("post", "/checkins/history/"),
        ("get", "/checkins/consent/opt-in/"),
        ("get", "/checkins/consent/answer/"),
    ],
)
def test_wrong_methods_are_refused(client, alice, couple, method, path):
    client.force_login(alice)
    assert getattr(client, method)(path).status_code == 405
