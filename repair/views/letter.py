"""The accountability letter: drafting, sending, and the reader's response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
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
from repair import letters
from repair.forms import LetterDraftForm, LetterResponseForm
from repair.models import Letter, LetterVersion

from ._lookups import (
    require_membership,
)

# Accountability letter -------------------------------------------------------------------------


def _letter_context(request, membership, draft_form=None, response_form=None) -> dict:
    partner = partner_membership(membership)
    mine = letters.letter_for(membership) if letters.can_write(membership) else None
    theirs = (
        Letter.objects.filter(couple_id=membership.couple_id, author_id=partner.user_id)
        .prefetch_related("sent__responses")
        .first()
        if partner
        else None
    )
    their_versions = list(theirs.sent.all()) if theirs else []
    return {
        "membership": membership,
        "partner": partner,
        "mine": mine,
        "my_versions": list(mine.sent.prefetch_related("responses")) if mine else [],
        "draft_form": draft_form or (LetterDraftForm(instance=mine) if mine else None),
        "letter_revision": core_autosave.revision(
            [getattr(mine, name) for name in Letter.SECTIONS]
        )
        if mine
        else "",
        "theirs": theirs if their_versions else None,
        "their_versions": their_versions,
        "i_witness": bool(theirs)
        and letters.can_witness(letter=theirs, membership=membership),
    } | _response_form_context(
        request,
        theirs
        if their_versions and letters.can_witness(letter=theirs, membership=membership)
        else None,
        response_form,
    )


def _response_key(letter: Letter) -> str:
    return f"letter-response:{letter.code}"


def _response_form_context(request, theirs, form=None) -> dict:
    """The answer to a partner's letter autosaves (core.autosave), kept for its writer alone,
    until it is sent; a new version of the letter keeps what was being written.

    The letter opens by itself only where the reader left words of her own: a refused answer, or
    one she was writing (autosaved) when the page closed."""
    in_progress = form is not None and form.is_bound
    if form is None:
        kept = (
            core_autosave.kept_text(
                request.user, _response_key(theirs), {"missing": ""}
            )
            if theirs
            else {}
        )
        form = LetterResponseForm(initial=kept)
        saved = core_autosave.revision([form["missing"].value() or ""])
        in_progress = bool(kept.get("missing"))
    elif theirs:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user, _response_key(theirs), {"missing": form["missing"].value()}
        )
    else:
        saved = ""
    return {
        "response_form": form,
        "response_revision": saved,
        "response_in_progress": in_progress,
    }


@require_safe
@login_required
@fresh_writing
def letter(request):
    membership = request_membership(request)
    if membership is None:
        # Out of a couple (left, or the partner deleted their account): the person's own words.
        own = letters.own_writing(request.user)
        if not any(own.values()):
            raise Http404("Not in a couple.")
        return render(request, "repair/letter.html", own)
    return render(request, "repair/letter.html", _letter_context(request, membership))


def _my_letter(request) -> tuple[Letter, Membership]:
    membership = require_membership(request)
    if not letters.can_write(membership):
        raise Http404("This letter is written by your partner.")
    return letters.letter_for(membership), membership


@autosaves
@require_POST
@login_required
def letter_draft(request):
    """Autosaved by the page (core.autosave); a plain post is the no-script fallback."""
    mine, membership = _my_letter(request)
    if "autosave_base" in request.POST:
        with transaction.atomic():
            locked = Letter.objects.select_for_update().get(pk=mine.pk)
            return core_autosave.save(
                request,
                fields=Letter.SECTIONS,
                current={name: getattr(locked, name) for name in Letter.SECTIONS},
                store=lambda sections: letters.save_draft(
                    letter=locked, sections=sections
                ),
            )
    form = LetterDraftForm(request.POST, instance=mine)
    if not form.is_valid():
        return render(
            request,
            "repair/letter.html",
            _letter_context(request, membership, draft_form=form),
            status=400,
        )
    letters.save_draft(
        letter=mine, sections={n: form.cleaned_data[n] for n in Letter.SECTIONS}
    )
    messages.success(request, "Your draft is saved. Only you can see it.")
    return redirect("repair:letter")


@require_POST
@login_required
def letter_send(request):
    mine, membership = _my_letter(request)
    form = LetterDraftForm(request.POST, instance=mine, require_all=True)
    if form.is_valid():
        letters.send(
            letter=mine, sections={n: form.cleaned_data[n] for n in Letter.SECTIONS}
        )
        messages.success(
            request,
            "Your letter is sent. Your partner will read it when they choose to.",
        )
        return redirect("repair:letter")
    # Keep what was typed as the draft, and show what's missing. A section the form refused for
    # another reason (too long, unreadable) keeps its earlier draft: the form left it untouched.
    letters.save_draft(
        letter=mine,
        sections={
            n: "" if form.has_error(n, "required") else getattr(mine, n)
            for n in Letter.SECTIONS
        },
    )
    return render(
        request,
        "repair/letter.html",
        _letter_context(request, membership, draft_form=form),
        status=400,
    )


@require_POST
@login_required
def letter_respond(request, code):
    membership = require_membership(request)
    version = get_object_or_404(
        LetterVersion.objects.select_related("letter"),
        code=code,
        letter__couple_id=membership.couple_id,
    )
    form = LetterResponseForm(request.POST)
    if form.is_valid():
        try:
            letters.respond(
                version=version,
                membership=membership,
                kind=form.cleaned_data["kind"],
                missing=form.cleaned_data["missing"],
            )
        except letters.LetterError as error:
            raise PermissionDenied(str(error)) from error
        core_autosave.let_go(request.user, _response_key(version.letter))
        messages.success(request, "Thank you. Your answer is with your partner.")
        return redirect("repair:letter")
    return render(
        request,
        "repair/letter.html",
        _letter_context(request, membership, response_form=form),
        status=400,
    )


@autosaves
@require_POST
@login_required
def letter_response_draft(request, code):
    membership = require_membership(request)
    version = get_object_or_404(
        LetterVersion.objects.select_related("letter"),
        code=code,
        letter__couple_id=membership.couple_id,
    )
    if not letters.can_witness(letter=version.letter, membership=membership):
        raise Http404("Only the partner the letter is written to answers it.")
    return core_autosave.save_text(
        request,
        key=_response_key(version.letter),
        fields=["missing"],
        shown={"missing": ""},
    )
