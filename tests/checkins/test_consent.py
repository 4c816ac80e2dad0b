"""The consent menu reveals only mutual answers: never a "no", never a one-sided answer."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from checkins import consent
from checkins.models import Answer, ConsentAnswer, ConsentItem
from couples.access import active_membership

pytestmark = pytest.mark.django_db

CHOICES = [None, Answer.YES, Answer.MAYBE, Answer.NO]
VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+')


@pytest.fixture
def open_menu(alice, bob, couple):
    consent.opt_in(membership=active_membership(alice))
    consent.opt_in(membership=active_membership(bob))


def set_answers(user, answers: dict[ConsentItem, str | None]) -> None:
    for item, answer in answers.items():
        consent.set_answer(user=user, item=item, answer=answer)


def page(client, path="/checkins/consent/", **kwargs) -> str:
    return VOLATILE.sub(r"\1…", client.get(path, **kwargs).content.decode())


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("yes", "yes", "yes"),
        ("yes", "maybe", "talk-first"),
        ("maybe", "yes", "talk-first"),
        ("maybe", "maybe", None),
        ("yes", "no", None),
        ("no", "yes", None),
        ("yes", None, None),
        ("no", "no", None),
    ],
)
def test_the_mutual_rule(first, second, shown):
    assert consent.mutual_state(first, second) == shown


def test_changing_an_answer_to_no_removes_it_from_the_mutual_list_at_once(
    client, alice, bob, open_menu
):
    item = ConsentItem.objects.first()
    set_answers(alice, {item: Answer.YES})
    set_answers(bob, {item: Answer.YES})
    client.force_login(bob)
    assertContains(client.get("/checkins/consent/"), f'data-mutual-item="{item.slug}"')
    client.force_login(alice)
    response = client.post(
        "/checkins/consent/answer/",
        {"item": item.slug, f"item-{item.slug}-answer": "no"},
        headers={"HX-Request": "true"},
    )
    assert b"<html" not in response.content
    assertNotContains(response, f'data-mutual-item="{item.slug}"')
    client.force_login(bob)
    assertNotContains(
        client.get("/checkins/consent/"), f'data-mutual-item="{item.slug}"'
    )


def test_the_menu_stays_closed_until_both_opt_in_before_phase_three(
    client, alice, bob, couple
):
    client.force_login(alice)
    assertContains(client.get("/checkins/consent/"), "opens in the third part")
    client.post("/checkins/consent/opt-in/")
    assertContains(client.get("/checkins/consent/"), "You've said you'd like it open")
    client.force_login(bob)
    response = client.get("/checkins/consent/")
    assertNotContains(
        response, "You've said you'd like it open"
    )  # Bob is not told Alice opted in
    client.post("/checkins/consent/opt-in/")
    assertContains(client.get("/checkins/consent/"), "What you both welcome")


def test_answering_is_refused_while_the_menu_is_closed(client, alice, couple):
    client.force_login(alice)
    item = ConsentItem.objects.first()
    assert (
        client.post(
            "/checkins/consent/answer/",
            {"item": item.slug, f"item-{item.slug}-answer": "yes"},
        ).status_code
        == 404
    )
    assert not ConsentAnswer.objects.exists()


def test_the_whole_form_saves_without_javascript(client, alice, bob, open_menu):
    first, second = ConsentItem.objects.order_by("pk")[:2]
    client.force_login(alice)
    client.post(
        "/checkins/consent/",
        {f"item-{first.slug}-answer": "yes", f"item-{second.slug}-answer": "maybe"},
    )
    assert consent.answers_of(alice) == {first.pk: "yes", second.pk: "maybe"}


def test_the_intro_says_a_due_answer_is_set_aside_and_each_answer_saves_at_once(
    client, alice, bob, open_menu
):
    client.force_login(alice)
    html = page(client)
    assert (
        "When that day comes, the answer is set aside — never shown as a yes — until"
        " you look at it again." in html
    )
    assert "Each answer saves as soon as you choose it." in html
    # True with JavaScript: every item posts on change; without it, the button still saves.
    assert html.count('hx-trigger="change"') == ConsentItem.objects.count()
    assert "Save my answers" in html


def test_a_made_up_answer_is_refused_and_changes_nothing(client, alice, bob, open_menu):
    item = ConsentItem.objects.first()
    client.force_login(alice)
    response = client.post(
        "/checkins/consent/answer/",
        {"item": item.slug, f"item-{item.slug}-answer": "always"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert not ConsentAnswer.objects.exists()


def test_an_outsider_cannot_see_or_change_a_couples_answers(
    client, alice, bob, open_menu, charlie
):
    item = ConsentItem.objects.first()
    set_answers(alice, {item: Answer.YES})
    set_answers(bob, {item: Answer.YES})
    client.force_login(charlie)
    assertNotContains(client.get("/checkins/consent/"), "data-mutual-item")
    assert (
        client.post(
            "/checkins/consent/answer/",
            {"item": item.slug, f"item-{item.slug}-answer": "no"},
        ).status_code
        == 404
    )
    assert consent.answers_of(alice) == {item.pk: "yes"}


def test_the_seeded_menu_has_at_least_thirty_items_from_everyday_to_sexual():
    items = ConsentItem.objects.select_related("group").order_by(
        "group__order", "order"
    )
    assert items.count() >= 30
    assert items.first().group.slug == "everyday"
    assert items.last().group.slug == "sexual"


@pytest.mark.parametrize("path", ["/checkins/consent/", "/checkins/"])
def test_the_menu_page_keeps_a_constant_number_of_queries(
    client, alice, bob, open_menu, path, django_assert_max_num_queries
):
    client.force_login(alice)
    set_answers(alice, dict.fromkeys(ConsentItem.objects.all()[:3], Answer.YES))
    with django_assert_max_num_queries(12):
        client.get(path)
    set_answers(alice, dict.fromkeys(ConsentItem.objects.all(), Answer.YES))
    set_answers(bob, dict.fromkeys(ConsentItem.objects.all(), Answer.YES))
    with django_assert_max_num_queries(12):
        client.get(path)


def test_an_answer_the_page_could_not_send_is_an_error_and_nothing_is_saved(
    client, alice, bob, open_menu
):
    first, second = ConsentItem.objects.order_by("pk")[:2]
    client.force_login(alice)
    response = client.post(
        "/checkins/consent/",
        {f"item-{first.slug}-answer": "yes", f"item-{second.slug}-answer": "sure"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert second.label in html
    assert "Your answers are saved" not in html
    assert consent.answers_of(alice) == {}
