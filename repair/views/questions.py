"""The question box: asking, answering (kept as versions), and settling a question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples.access import partner_membership, request_membership
from couples.models import Membership
from repair import questions as questions_domain
from repair.forms import AnswerForm, BringUpForm, QuestionForm
from repair.models import Question

from ._lookups import (
    require_membership,
)

# Question box -----------------------------------------------------------------------------------


def _questions_context(
    membership, ask_form=None, answer_forms=None, bring_up_forms=None
) -> dict:
    user = membership.user
    questions = list(
        questions_domain.visible_to(membership)
        .select_related("asked_by")
        .prefetch_related("answers")
    )
    answer_forms = answer_forms or {}
    bring_up_forms = bring_up_forms or {}
    for q in questions:
        versions = list(q.answers.all())
        q.first_answer = versions[0] if versions else None
        q.additions = versions[1:]
        q.mine = q.asked_by_id == membership.user_id
        if q.mine:
            q.bring_up_form = bring_up_forms.get(q.pk) or BringUpForm(
                initial={"wants": q.wants or None}, prefix=str(q.code)
            )
            continue
        # The box starts empty each time: an answer is given once, a correction is added to it.
        field = f"{q.code}-text"
        shown = core_autosave.kept_text(user, _answer_key(q), {field: ""})
        q.answer_form = answer_forms.get(q.pk) or AnswerForm(
            initial={"text": shown[field]}, prefix=str(q.code)
        )
        q.answer_revision = core_autosave.revision(
            [q.answer_form["text"].value() or ""]
        )
    return {
        "membership": membership,
        "partner": partner_membership(membership),
        "waiting": [q for q in questions if q.mine and not q.opened_at],
        "questions": [q for q in questions if q.opened_at],
        "can_ask": questions_domain.can_ask(membership),
        "ask_form": ask_form or QuestionForm(),
    }


def _answer_key(question: Question) -> str:
    return f"answer:{question.code}"


@require_safe
@login_required
@fresh_writing
def question_box(request):
    membership = request_membership(request)
    if membership is None:
        # Out of a couple: the questions the person asked and the answers they wrote, apart.
        own = questions_domain.own_writing(request.user)
        if not any(own.values()):
            raise Http404("Not in a couple.")
        return render(request, "repair/questions.html", own)
    context = _questions_context(membership)
    questions_domain.mark_read(membership=membership)
    return render(request, "repair/questions.html", context)


@require_POST
@login_required
def question_ask(request):
    membership = require_membership(request)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            questions_domain.ask(membership=membership, text=form.cleaned_data["text"])
        except questions_domain.QuestionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, "Your question is in the box.")
        return redirect("repair:questions")
    return render(
        request,
        "repair/questions.html",
        _questions_context(membership, ask_form=form),
        status=400,
    )


def _get_question_for_member(request, code) -> tuple[Question, Membership]:
    """A question of the couple's that this person may see: a partner's question is not there
    for them until it has been brought up."""
    membership = require_membership(request)
    question = get_object_or_404(questions_domain.visible_to(membership), code=code)
    return question, membership


@require_POST
@login_required
def question_answer(request, code):
    question, membership = _get_question_for_member(request, code)
    form = AnswerForm(request.POST, prefix=str(question.code))
    if form.is_valid():
        try:
            questions_domain.answer(
                question=question, membership=membership, text=form.cleaned_data["text"]
            )
            core_autosave.let_go(request.user, _answer_key(question))
        except questions_domain.QuestionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, "Thank you. It's with your partner now.")
        return redirect("repair:questions")
    return render(
        request,
        "repair/questions.html",
        _questions_context(membership, answer_forms={question.pk: form}),
        status=400,
    )


@autosaves
@require_POST
@login_required
def question_answer_draft(request, code):
    question, membership = _get_question_for_member(request, code)
    if not questions_domain.can_answer(question=question, membership=membership):
        raise Http404("Your partner answers the questions you ask.")
    return core_autosave.save_text(
        request,
        key=_answer_key(question),
        fields=[f"{question.code}-text"],
        shown={f"{question.code}-text": ""},
    )


@require_POST
@login_required
def question_bring_up(request, code):
    """The asker chooses this question to be answered now, and what they want to hear; or puts
    it back in the box before it is answered."""
    question, membership = _get_question_for_member(request, code)
    if not questions_domain.can_bring_up(question=question, membership=membership):
        raise PermissionDenied(
            "Only the person who asked chooses when it is brought up."
        )
    try:
        if request.POST.get("open") == "no":
            questions_domain.put_back(question=question, membership=membership)
            return redirect("repair:questions")
        form = BringUpForm(request.POST, prefix=str(question.code))
        if not form.is_valid():
            return render(
                request,
                "repair/questions.html",
                _questions_context(membership, bring_up_forms={question.pk: form}),
                status=400,
            )
        questions_domain.bring_up(
            question=question, membership=membership, wants=form.cleaned_data["wants"]
        )
    except questions_domain.QuestionError as error:
        raise PermissionDenied(str(error)) from error
    return redirect("repair:questions")


@require_POST
@login_required
def question_settle(request, code):
    question, membership = _get_question_for_member(request, code)
    try:
        questions_domain.settle(
            question=question,
            membership=membership,
            settled=request.POST.get("settled") != "no",
        )
    except questions_domain.QuestionError as error:
        raise PermissionDenied(str(error)) from error
    return redirect("repair:questions")
