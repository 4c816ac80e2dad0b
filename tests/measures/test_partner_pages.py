"""A person's measures pages: taking one, their own trend in plain words, help at once after a
risky answer, and nothing of it reaching the partner unless a trend is shared."""

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from measures.models import Response

from .factories import answer, form_data

pytestmark = pytest.mark.django_db

CALM_PHQ = [1, 1, 1, 1, 1, 1, 1, 1, 0]  # 8
RISKY_PHQ = [1, 1, 1, 1, 1, 1, 1, 1, 1]  # item 9 above zero


def test_the_list_shows_the_five_measures(client, alice, couple):
    client.force_login(alice)
    response = client.get("/measures/")
    for name in ("PHQ-9", "GAD-7", "PCL-5", "CSI-4", "WHO-5"):
        assertContains(response, name)


def test_the_form_uses_the_published_items_and_answers(client, alice, couple):
    client.force_login(alice)
    response = client.get("/measures/phq-9/take/")
    assertContains(response, "Little interest or pleasure in doing things")
    assertContains(response, "More than half the days")
    assertContains(response, 'class="radio-choice"', count=9 * 4)
    assertContains(response, "No permission required to reproduce")
    assertContains(response, "<legend>", count=9)


def test_taking_a_measure_seals_answers_and_score(client, alice, couple):
    client.force_login(alice)
    response = client.post("/measures/phq-9/take/", form_data(CALM_PHQ))
    assert response.status_code == 302
    saved = Response.objects.get(person=alice)
    assert saved.total == 8
    assert saved.answer_list == CALM_PHQ
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers, result FROM measures_response WHERE id = %s", [saved.pk]
        )
        raw_answers, raw_result = cursor.fetchone()
    assert "[1, 1" not in raw_answers
    assert "total" not in raw_result


def test_a_missing_answer_is_asked_for_again_and_nothing_is_saved(
    client, alice, couple
):
    client.force_login(alice)
    data = form_data(CALM_PHQ)
    del data["item_4"]
    response = client.post("/measures/phq-9/take/", data)
    assert response.status_code == 400
    assertContains(response, "still need an answer", status_code=400)
    assert not Response.objects.exists()


def test_the_trend_marks_a_real_change_apart_from_noise(client, alice, couple):
    answer(alice, "phq-9", [2, 2, 2, 2, 2, 2, 2, 2, 0])  # 16
    answer(alice, "phq-9", [2, 2, 2, 2, 2, 2, 2, 1, 0])  # 15: noise
    answer(alice, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0])  # 8: real, easier
    client.force_login(alice)
    response = client.get("/measures/phq-9/")
    assertContains(response, "within everyday ups and downs")
    assertContains(response, "a real change, in the easier direction")
    assertContains(response, "more than this measure's everyday ups and downs")
    assertContains(response, "not a diagnosis")


def test_a_risky_answer_shows_help_at_once(client, alice, couple):
    client.force_login(alice)
    response = client.post("/measures/phq-9/take/", form_data(RISKY_PHQ), follow=True)
    assertContains(response, 'id="measure-help"')
    assertContains(response, "/safety/#self-harm")
    assert Response.objects.get(person=alice).flagged_at is not None


def test_a_calm_answer_shows_no_alarm(client, alice, couple):
    answer(alice, "phq-9", CALM_PHQ)
    client.force_login(alice)
    assertNotContains(client.get("/measures/phq-9/"), 'id="measure-help"')


def test_the_partner_sees_nothing_of_it(client, alice, bob, couple):
    answer(alice, "phq-9", RISKY_PHQ)
    client.force_login(bob)
    assertNotContains(client.get("/measures/"), "Shared with you")
    bobs_trend = client.get("/measures/phq-9/")
    assertNotContains(bobs_trend, 'id="measure-help"')
    assertContains(bobs_trend, "You haven't answered this one yet")
    assert client.get("/measures/phq-9/partner/").status_code == 404


def test_a_shared_trend_shows_totals_to_the_partner_and_unsharing_hides_it(
    client, alice, bob, couple
):
    answer(alice, "who-5", [3, 3, 3, 3, 3])
    client.force_login(alice)
    client.post("/measures/who-5/sharing/", {"with_partner": "on"})
    client.force_login(bob)
    assertContains(client.get("/measures/"), "Shared with you by Alice")
    shared = client.get("/measures/who-5/partner/")
    assertContains(shared, "60")
    client.force_login(alice)
    client.post("/measures/who-5/sharing/", {})
    client.force_login(bob)
    assert client.get("/measures/who-5/partner/").status_code == 404


def test_an_outsider_cannot_see_a_shared_trend(client, alice, bob, couple, charlie):
    answer(alice, "who-5", [3, 3, 3, 3, 3])
    client.force_login(alice)
    client.post("/measures/who-5/sharing/", {"with_partner": "on"})
    client.force_login(charlie)
    assert client.get("/measures/who-5/partner/").status_code == 404
    assertNotContains(client.get("/measures/"), "Alice")


def test_pages_need_sign_in_and_the_right_method(client, alice, couple):
    assert client.get("/measures/").status_code == 302
    client.force_login(alice)
    assert client.post("/measures/").status_code == 405
    assert client.get("/measures/who-5/sharing/").status_code == 405
    assert client.get("/measures/nope/").status_code == 404
