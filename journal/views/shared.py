"""Sharing an entry with your partner, and the entries your partner shares with you, with your
acknowledgement of each (autosaved while written)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples.access import partner_membership, request_membership
from couples.models import Role
from journal import entries, sharing
from journal.forms import AcknowledgementForm, SharingForm
from journal.models import Acknowledgement, Entry

from ._lookups import get_entry_for_author, get_shared_entry_for_partner, render_part

# Sharing


def sharing_context(entry: Entry, membership, **extra) -> dict:
    partner = partner_membership(membership) if membership else None
    # A share made in a couple that has since ended reaches nobody now.
    shared_now = bool(
        membership
        and partner
        and entry.is_shared_with_partner
        and entry.shared_in_id == membership.couple_id
    )
    return {
        "entry": entry,
        "membership": membership,
        "partner": partner.user if partner else None,
        "shared_now": shared_now,
        "shared_before": entry.is_shared_with_partner and not shared_now,
        "sharing_form": SharingForm(
            initial={
                "with_partner": shared_now,
                "with_therapist": entry.is_shared_with_therapist,
            }
        ),
    } | extra


@require_POST
@login_required
@vary_on_headers("HX-Request")
def share_entry(request, code):
    entry = get_entry_for_author(request, code)
    form = SharingForm(request.POST)
    form.is_valid()  # two checkboxes: always valid
    was_shared = entry.is_shared_with_partner
    problem = notice = ""
    try:
        entry = sharing.set_sharing(
            entry=entry,
            with_partner=form.cleaned_data["with_partner"],
            with_therapist=form.cleaned_data["with_therapist"],
        )
    except sharing.SharingError as error:
        problem = str(error)
    else:
        if entry.is_shared_with_partner and not was_shared:
            notice = "Shared. Your partner can read it under “Shared with you”, and you can stop sharing whenever you like."
        elif was_shared and not entry.is_shared_with_partner:
            notice = (
                "You've stopped sharing this entry. Your partner can no longer see it."
            )
        else:
            notice = "Sharing updated."
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        else:
            messages.success(request, notice)
        return redirect("journal:entry", code=entry.code)
    context = sharing_context(
        entry, request_membership(request), notice=notice, problem=problem
    )
    return render(request, "journal/entry_detail.html#sharing-panel", context)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def shared_list(request):
    shared = sharing.shared_with(request.user).prefetch_related(
        Prefetch(
            "acknowledgements",
            queryset=Acknowledgement.objects.filter(author=request.user),
            to_attr="my_acknowledgements",
        )
    )
    page = entries.page_of_entries(shared, request.GET.get("page"))
    context = {"page": page}
    if not request.htmx:
        context["kept"] = list(sharing.acknowledgements_kept_for(request.user))
    return render_part(request, "journal/shared_list.html", "shared-list", context)


# A partner's acknowledgement autosaves (core.autosave), kept for its writer alone, until it is sent.
ACKNOWLEDGEMENT_FIELDS = AcknowledgementForm.text_fields


def _acknowledgement_form(membership, *args, **kwargs) -> AcknowledgementForm:
    return AcknowledgementForm(
        *args, reader_was_hurt=membership.role == Role.INJURED, **kwargs
    )


def _fields_shown(form: AcknowledgementForm) -> tuple[str, ...]:
    """The text fields on this reader's page, in its order: the autosave revision covers these."""
    return tuple(form.fields)


def _acknowledgement_key(entry: Entry) -> str:
    return f"acknowledgement:{entry.code}"


def _acknowledgement_shown(existing) -> dict[str, str]:
    if existing is None:
        return dict.fromkeys(ACKNOWLEDGEMENT_FIELDS, "")
    return _ack_initial(existing)


def _acknowledgement_context(
    request, entry, membership, existing, form=None, **extra
) -> dict:
    key = _acknowledgement_key(entry)
    if form is None:
        form = _acknowledgement_form(
            membership,
            initial=core_autosave.kept_text(
                request.user, key, _acknowledgement_shown(existing)
            ),
        )
        saved = core_autosave.revision(
            [form[name].value() or "" for name in _fields_shown(form)]
        )
    else:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user,
            key,
            {name: form[name].value() or "" for name in _fields_shown(form)},
            _acknowledgement_shown(existing),
        )
    return {
        "entry": entry,
        "acknowledgement": existing,
        "form": form,
        "acknowledgement_revision": saved,
        "autosave_fields": " ".join(_fields_shown(form)),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def shared_detail(request, code):
    entry, membership = get_shared_entry_for_partner(request, code)
    existing = sharing.acknowledgement_by(entry=entry, user=request.user)
    if request.method == "POST":
        form = _acknowledgement_form(membership, request.POST)
        if form.is_valid():
            if (
                "just_read" in request.POST
            ):  # "I've read it": an acknowledgement with no words
                parts = _acknowledgement_shown(None)
            else:  # parts this reader isn't asked for keep whatever they wrote before
                parts = _acknowledgement_shown(existing) | form.cleaned_data
            existing = sharing.acknowledge_entry(
                entry=entry, membership=membership, **parts
            )
            core_autosave.let_go(request.user, _acknowledgement_key(entry))
            notice = f"Sent. {entry.author.display_name} will see it under the entry."
            if not request.htmx:
                messages.success(request, notice)
                return redirect("journal:shared_entry", code=entry.code)
            context = _acknowledgement_context(
                request, entry, membership, existing, notice=notice
            )
            return render(
                request, "journal/shared_detail.html#acknowledgement-panel", context
            )
        context = _acknowledgement_context(request, entry, membership, existing, form)
        # 422 for htmx: it swaps the panel and its errors into place (templates/base.html), where
        # under DEBUG django-htmx's error overlay would take a 400 over the whole page.
        return render_part(
            request,
            "journal/shared_detail.html",
            "acknowledgement-panel",
            context,
            status=422 if request.htmx else 400,
        )
    context = _acknowledgement_context(request, entry, membership, existing)
    return render_part(request, "journal/shared_detail.html", "shared-entry", context)


@autosaves
@require_POST
@login_required
def acknowledgement_draft(request, code):
    entry, membership = get_shared_entry_for_partner(request, code)
    existing = sharing.acknowledgement_by(entry=entry, user=request.user)
    return core_autosave.save_text(
        request,
        key=_acknowledgement_key(entry),
        fields=_fields_shown(_acknowledgement_form(membership)),
        shown=_acknowledgement_shown(existing),
    )


def _ack_initial(acknowledgement: Acknowledgement) -> dict:
    return {
        "what_i_hear": acknowledgement.what_i_hear,
        "makes_sense": acknowledgement.makes_sense,
        "message": acknowledgement.message,
    }
