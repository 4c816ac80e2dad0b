"""The question box: asked at the hurt partner's pace, brought up by them one at a time with
"detail or meaning?" chosen first, answered once, and corrected only by an addition."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from repair import questions
from repair.models import AnswerVersion, Question

pytestmark = pytest.mark.django_db


def brought_up(membership, text, wants="meaning") -> Question:
    question = questions.ask(membership=membership, text=text)
    return questions.bring_up(question=question, membership=membership, wants=wants)


def test_the_hurt_partner_asks_and_the_other_answers(alice_m, bob_m):
    q = brought_up(alice_m, "Where were you on Fridays?")
    questions.answer(question=q, membership=bob_m, text="With her.")
    assert q.answers.get().number == 1
    with pytest.raises(questions.QuestionError):
        questions.ask(membership=bob_m, text="Not for me to ask here")
    with pytest.raises(questions.QuestionError):
        questions.answer(question=q, membership=alice_m, text="Answering myself")


def test_a_question_waits_unseen_until_the_asker_brings_it_up(
    client, alice_m, bob, bob_m
):
    q = questions.ask(membership=alice_m, text="Did you love her?")
    with pytest.raises(questions.QuestionError):
        questions.answer(question=q, membership=bob_m, text="Too early")
    client.force_login(bob)
    assertNotContains(client.get("/repair/questions/"), "Did you love her?")
    response = client.post(
        f"/repair/questions/{q.code}/answer/", {f"{q.code}-text": "Too early"}
    )
    assert response.status_code == 404
    draft = client.post(
        f"/repair/questions/{q.code}/answer/draft/",
        {f"{q.code}-text": "x", "autosave_base": ""},
    )
    assert draft.status_code == 404
    assert not AnswerVersion.objects.exists()


def test_only_the_question_brought_up_can_be_answered(client, alice_m, bob, bob_m):
    chosen = brought_up(alice_m, "Where did you meet?", wants="detail")
    waiting = questions.ask(membership=alice_m, text="Was it more than once?")
    client.force_login(bob)
    page = client.get("/repair/questions/")
    assertContains(page, "Where did you meet?")
    assertContains(page, "Alice asked for <strong>the detail</strong>", html=False)
    assertNotContains(page, "Was it more than once?")
    client.post(
        f"/repair/questions/{chosen.code}/answer/", {f"{chosen.code}-text": "At work."}
    )
    assert chosen.answers.get().text == "At work."
    assert not waiting.answers.exists()


def test_the_asker_chooses_detail_or_meaning_through_the_page(client, alice, alice_m):
    q = questions.ask(membership=alice_m, text="What did you do that night?")
    client.force_login(alice)
    page = client.get("/repair/questions/")
    assertContains(page, "What would you like to hear?")
    assertContains(page, "Bring this one up")
    refused = client.post(f"/repair/questions/{q.code}/bring-up/", {})
    assert refused.status_code == 400
    assertContains(
        refused, "Please choose the detail or what it meant.", status_code=400
    )
    assert Question.objects.get().opened_at is None
    client.post(f"/repair/questions/{q.code}/bring-up/", {f"{q.code}-wants": "meaning"})
    q.refresh_from_db()
    assert q.opened_at is not None
    assert q.wants == "meaning"


def test_a_question_can_be_put_back_until_it_is_answered(client, alice, alice_m, bob_m):
    q = brought_up(alice_m, "Why then?")
    client.force_login(alice)
    client.post(f"/repair/questions/{q.code}/bring-up/", {"open": "no"})
    q.refresh_from_db()
    assert q.opened_at is None
    assert q.wants == ""
    q = questions.bring_up(question=q, membership=alice_m, wants="detail")
    questions.answer(question=q, membership=bob_m, text="Because I could.")
    response = client.post(f"/repair/questions/{q.code}/bring-up/", {"open": "no"})
    assert response.status_code == 403
    assert Question.objects.get().opened_at is not None


def test_only_the_asker_brings_a_question_up(client, bob, alice_m, bob_m, charlie):
    q = brought_up(alice_m, "Why?")
    with pytest.raises(questions.QuestionError):
        questions.bring_up(question=q, membership=bob_m, wants="detail")
    client.force_login(bob)
    data = {f"{q.code}-wants": "detail"}
    assert client.post(f"/repair/questions/{q.code}/bring-up/", data).status_code == 403
    client.force_login(charlie)
    assert client.post(f"/repair/questions/{q.code}/bring-up/", data).status_code == 404
    assert Question.objects.get().wants == "meaning"


def test_a_therapist_cannot_bring_a_question_up(client, alice, bob, couple, theo):
    from tests.therapists.factories import full_access, make_therapist

    q = questions.ask(
        membership=couple.memberships.get(user=alice), text="A private question"
    )
    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    client.force_login(theo)
    data = {f"{q.code}-wants": "detail"}
    assert client.post(f"/repair/questions/{q.code}/bring-up/", data).status_code == 404
    assertNotContains(
        client.get("/repair/questions/"), "A private question", status_code=404
    )
    assert Question.objects.get().opened_at is None


def test_a_correction_is_added_beside_the_answer_never_in_its_place(alice_m, bob_m):
    q = brought_up(alice_m, "How long?")
    questions.answer(question=q, membership=bob_m, text="A few months.")
    questions.answer(question=q, membership=bob_m, text="Honestly, it was a year.")
    assert [(a.number, a.text) for a in q.answers.all()] == [
        (1, "A few months."),
        (2, "Honestly, it was a year."),
    ]


def test_the_page_shows_a_correction_as_added_later(client, alice, alice_m, bob, bob_m):
    q = brought_up(alice_m, "How long?")
    questions.answer(question=q, membership=bob_m, text="A few months.")
    client.force_login(alice)
    client.get("/repair/questions/")
    assert AnswerVersion.objects.get().read_at is not None
    questions.answer(question=q, membership=bob_m, text="Honestly, it was a year.")
    page = client.get("/repair/questions/").content.decode()
    assert "Added later" in page
    assert "A correction can land hard" in page
    assert page.index("A few months.") < page.index("Honestly, it was a year.")
    client.force_login(bob)
    page = client.get("/repair/questions/")
    # The care line is for the one who asked, not the one who corrected.
    assertNotContains(page, "A correction can land hard")
    assertContains(page, "Something to correct or add")
    # The box for a correction starts empty: the answer itself is not there to be rewritten.
    assertNotContains(page, "A few months.</textarea>")


def test_asking_through_the_page(client, alice, couple):
    client.force_login(alice)
    client.post("/repair/questions/ask/", {"text": "Did you see her again?"})
    assert Question.objects.get().text == "Did you see her again?"
    assert Question.objects.get().opened_at is None


def test_an_empty_question_is_explained(client, alice, couple):
    client.force_login(alice)
    response = client.post("/repair/questions/ask/", {"text": ""})
    assert response.status_code == 400
    assertContains(response, "Please write your question first.", status_code=400)


def test_answering_and_settling_through_the_page(client, alice, bob, alice_m):
    q = brought_up(alice_m, "Why?")
    client.force_login(bob)
    client.post(f"/repair/questions/{q.code}/answer/", {f"{q.code}-text": "Shame."})
    assert q.answers.get().text == "Shame."
    client.force_login(alice)
    client.post(f"/repair/questions/{q.code}/settle/")
    assert Question.objects.get().settled_at is not None


def test_only_the_asker_marks_it_answered_or_open(alice_m, bob_m):
    q = brought_up(alice_m, "Why?")
    with pytest.raises(questions.QuestionError):
        questions.settle(question=q, membership=bob_m, settled=True)
    questions.settle(question=q, membership=alice_m, settled=True)
    assert Question.objects.get().settled_at is not None
    questions.settle(question=q, membership=alice_m, settled=False)
    assert Question.objects.get().settled_at is None


def test_the_answerer_cannot_settle_a_question(client, bob, alice_m):
    q = brought_up(alice_m, "Why?")
    client.force_login(bob)
    assert client.post(f"/repair/questions/{q.code}/settle/").status_code == 403


def test_an_outsider_sees_no_questions_and_cannot_answer(client, charlie, alice_m):
    q = brought_up(alice_m, "A private question")
    client.force_login(charlie)
    assertNotContains(client.get("/repair/questions/"), "A private question")
    response = client.post(
        f"/repair/questions/{q.code}/answer/", {f"{q.code}-text": "x"}
    )
    assert response.status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client):
    assert client.get("/repair/questions/").status_code == 302


def test_methods_are_checked(client, alice, alice_m):
    q = questions.ask(membership=alice_m, text="Why?")
    client.force_login(alice)
    assert client.post("/repair/questions/").status_code == 405
    assert client.get("/repair/questions/ask/").status_code == 405
    assert client.get(f"/repair/questions/{q.code}/answer/").status_code == 405
    assert client.get(f"/repair/questions/{q.code}/settle/").status_code == 405
    assert client.get(f"/repair/questions/{q.code}/bring-up/").status_code == 405
