"""Saving an answer again unchanged (a double tap) adds nothing, and nothing shows as added."""

import pytest
from pytest_django.asserts import assertNotContains

from repair import questions
from repair.models import AnswerVersion

pytestmark = pytest.mark.django_db


def test_saving_the_same_answer_again_adds_no_version(alice_m, bob_m):
    q = questions.ask(membership=alice_m, text="How long?")
    questions.bring_up(question=q, membership=alice_m, wants="meaning")
    first = questions.answer(question=q, membership=bob_m, text="A few months.")
    again = questions.answer(question=q, membership=bob_m, text="A few months.\r\n")
    assert again.pk == first.pk
    assert AnswerVersion.objects.count() == 1


def test_the_asker_sees_no_change_after_an_unchanged_save(
    client, alice, alice_m, bob, bob_m
):
    q = questions.ask(membership=alice_m, text="How long?")
    questions.bring_up(question=q, membership=alice_m, wants="meaning")
    questions.answer(question=q, membership=bob_m, text="A few months.")
    client.force_login(bob)
    response = client.post(
        f"/repair/questions/{q.code}/answer/", {f"{q.code}-text": "A few months.\r\n"}
    )
    assert response.status_code == 302
    assert AnswerVersion.objects.count() == 1
    client.force_login(alice)
    assertNotContains(client.get("/repair/questions/"), "Added later")
