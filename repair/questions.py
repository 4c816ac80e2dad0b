"""The question box: the partner who was hurt asks at their own pace; the other answers.

A question waits in the box, seen only by its asker, until they bring it up, choosing which one
is answered and whether they want the detail or what it meant. Only then can it be answered.
An answer is given once; a later correction is added beside it, dated, never put in its place,
so the asker sees exactly what changed and when. Saving the same words again adds nothing. Only
the asker marks a question answered or still open. With mutual roles either partner can ask,
and the other answers.
"""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.text import same_text
from couples.access import partner_membership
from couples.models import Membership, Role
from couples.signals import announce_shared

from .models import AnswerVersion, Question
from .signals import announce_needs_answer


class QuestionError(Exception):
    """A step that can't be taken; the message is fit to show as it is."""


def can_ask(membership: Membership) -> bool:
    return membership.role in (Role.INJURED, Role.MUTUAL)


def can_answer(*, question: Question, membership: Membership) -> bool:
    return question.asked_by_id != membership.user_id and question.opened_at is not None


def can_bring_up(*, question: Question, membership: Membership) -> bool:
    return question.asked_by_id == membership.user_id


def visible_to(membership: Membership):
    """The couple's questions this person may see: all of their own, and only the ones their
    partner has brought up."""
    return Question.objects.filter(couple_id=membership.couple_id).filter(
        Q(asked_by_id=membership.user_id) | Q(opened_at__isnull=False)
    )


@transaction.atomic
def ask(*, membership: Membership, text: str) -> Question:
    if not can_ask(membership):
        raise QuestionError("The question box is for your partner's questions to you.")
    return Question.objects.create(
        couple_id=membership.couple_id, asked_by=membership.user, text=text
    )


@transaction.atomic
def answer(*, question: Question, membership: Membership, text: str) -> AnswerVersion:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.asked_by_id == membership.user_id:
        raise QuestionError("Your partner answers the questions you ask.")
    if not can_answer(question=question, membership=membership):
        raise QuestionError("This question is answered once your partner brings it up.")
    latest = question.answers.order_by("-number").first()
    if latest is not None and same_text(latest.text, text):
        return (
            latest  # saved again as it was: no new version, so nothing shows as changed
        )
    number = (latest.number if latest is not None else 0) + 1
    version = AnswerVersion.objects.create(
        question=question, author=membership.user, number=number, text=text
    )
    announce_shared(
        sender=AnswerVersion,
        recipient_id=question.asked_by_id,
        key=f"answer:{version.pk}",
    )
    return version


@transaction.atomic
def bring_up(*, question: Question, membership: Membership, wants: str) -> Question:
    """The asker chooses this question to be answered, and whether they want the detail or what
    it meant. Choosing again before it is answered changes only what they want."""
    if not can_bring_up(question=question, membership=membership):
        raise QuestionError("Only the person who asked chooses when it is brought up.")
    if wants not in Question.Wants.values:
        raise QuestionError("Choose whether you want the detail or what it meant.")
    question = Question.objects.select_for_update().get(pk=question.pk)
    first_time = question.opened_at is None
    question.opened_at = question.opened_at or timezone.now()
    question.wants = wants
    question.save(update_fields=["opened_at", "wants"])
    partner = partner_membership(membership)
    if first_time and partner is not None:
        # The partner learns of a question only once it is brought up, never while it waits in
        # the box (and a change of "detail or meaning" afterwards is not news).
        announce_needs_answer(
            sender=Question,
            recipient_id=partner.user_id,
            key=f"question:{question.pk}",
        )
    return question


@transaction.atomic
def put_back(*, question: Question, membership: Membership) -> Question:
    """The asker takes a question back into the box ("that's enough for today"), as long as it
    has no answer yet: an answer, once given, stays where its asker can read it."""
    if not can_bring_up(question=question, membership=membership):
        raise QuestionError("Only the person who asked chooses when it is brought up.")
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answers.exists():
        raise QuestionError("This question has its answer; it stays with it.")
    question.opened_at = None
    question.wants = ""
    question.save(update_fields=["opened_at", "wants"])
    return question


@transaction.atomic
def settle(*, question: Question, membership: Membership, settled: bool) -> Question:
    if question.asked_by_id != membership.user_id:
        raise QuestionError("Only the person who asked decides whether it's answered.")
    question.settled_at = timezone.now() if settled else None
    question.save(update_fields=["settled_at"])
    return question


def mark_read(*, membership: Membership) -> int:
    """The asker has now seen every answer on their page: one update, however many."""
    return AnswerVersion.objects.filter(
        question__couple_id=membership.couple_id,
        question__asked_by_id=membership.user_id,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def own_writing(user) -> dict:
    """What the person wrote in the question box, read by owner, for when they are no longer in
    a couple: the questions they asked, without the answers, and the answers they wrote, without
    the questions. An answer whose question is gone stands on its own."""
    asked = list(Question.objects.filter(asked_by=user).order_by("-asked_at"))
    answered: dict[object, list[AnswerVersion]] = {}
    for version in (
        AnswerVersion.objects.filter(author=user)
        .annotate(question_asked_at=F("question__asked_at"))
        .order_by("question_id", "number", "pk")
    ):
        key = version.question_id or f"gone-{version.pk}"
        answered.setdefault(key, []).append(version)
    answers = sorted(
        (
            {
                "first": versions[0],
                "additions": versions[1:],
                "asked_at": versions[0].question_asked_at,
            }
            for versions in answered.values()
        ),
        key=lambda group: group["first"].written_at,
        reverse=True,
    )
    return {"asked": asked, "answers": answers}
