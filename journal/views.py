import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples.access import partner_membership, request_membership

from . import drafts, entries, sharing
from .forms import AcknowledgementForm, DraftForm, EntryForm, FilterForm, SharingForm
from .models import Acknowledgement, Draft, Entry

# The long text fields autosave watches, in the page's order.
AUTOSAVED = ("body", "feelings")


def _get_entry_for_author(request, code) -> Entry:
    """One of the person's own entries; anyone else's is a 404, shared or not."""
    return get_object_or_404(
        Entry.objects.written_by(request.user).prefetch_related("tags"), code=code
    )


def _get_shared_entry_for_partner(request, code):
    """An entry the person's partner shares with them now, with the person's membership."""
    membership = request_membership(request)
    if membership is None:
        raise Http404("No such entry.")
    entry = get_object_or_404(
        Entry.objects.shared_with(request.user)
        .select_related("author")
        .prefetch_related("tags"),
        code=code,
    )
    return entry, membership


def _get_draft_for_author(request, code) -> Draft:
    return get_object_or_404(
        Draft.objects.filter(author=request.user).select_related("entry"), code=code
    )


def _render(request, template: str, partial: str, context: dict, status: int = 200):
    if request.htmx:
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)


def _uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _writing_context(request, form, *, entry=None, resumed=None) -> dict:
    """What the writing page needs, including where autosave has got to."""
    if form.is_bound:
        keys = {name: form[name].value() for name in ("draft", "revision", "window")}
    else:
        keys = {name: form.initial[name] for name in ("draft", "revision", "window")}
    return {
        "form": form,
        "entry": entry,
        "resumed": resumed,
        "autosave_url": reverse("journal:autosave_edit", args=[entry.code])
        if entry
        else reverse("journal:autosave"),
        "draft_key": keys["draft"],
        "revision": keys["revision"],
        "window": keys["window"],
        "autosave_state": "saved" if resumed else "idle",
        "autosave_revision": core_autosave.revision(
            [form[name].value() or "" for name in AUTOSAVED]
        ),
    }


def _draft_initial(draft: Draft) -> dict:
    return {
        "written_on": draft.written_on,
        "body": draft.body,
        "feelings": draft.feelings,
        "mood": draft.mood,
        "tags": draft.tags,
        "draft": draft.code,
        "revision": draft.revision,
        "window": uuid.uuid4(),
    }


# Your own entries


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def index(request):
    # Filters travel in a POST body, so search words never land in a URL, history or a log.
    form = FilterForm(request.POST if request.method == "POST" else None)
    filters = form.filters() if form.is_bound else {}
    results = entries.find_entries(author=request.user, **filters)
    page = entries.page_of_entries(
        results, request.POST.get("page") or request.GET.get("page")
    )
    membership = request_membership(request)
    context = {
        "filter_form": form,
        "page": page,
        "filtering": any(filters.values()),
        # A share belongs to the couple it was made in; once that couple ends it reaches nobody.
        "current_couple_id": membership.couple_id if membership else None,
    }
    if not request.htmx:
        context["drafts"] = drafts.drafts_for(request.user)
    return _render(request, "journal/index.html", "entry-list", context)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def new_entry(request):
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            entry = entries.create_entry(
                author=request.user, code=form.cleaned_data["draft"], **form.content()
            )
            messages.success(request, "Saved. This entry is private to you.")
            return redirect("journal:entry", code=entry.code)
        context = _writing_context(request, form)
        return _render(
            request, "journal/entry_form.html", "entry-form", context, status=400
        )

    resumed = None
    if not request.GET.get("fresh"):
        resumed = drafts.draft_to_resume(
            author=request.user,
            entry=None,
            code=_uuid_or_none(request.GET["draft"])
            if "draft" in request.GET
            else None,
        )
    if resumed:
        initial = _draft_initial(resumed)
    else:
        initial = {
            "written_on": entries.today_for(request.user),
            "draft": uuid.uuid4(),
            "revision": 0,
            "window": uuid.uuid4(),
        }
    form = EntryForm(initial=initial)
    context = _writing_context(request, form, resumed=resumed)
    return _render(request, "journal/entry_form.html", "entry-form", context)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def entry_detail(request, code):
    entry = _get_entry_for_author(request, code)
    membership = request_membership(request)
    context = {
        "entry": entry,
        "acknowledgements": sharing.acknowledgements_for_author(
            entry=entry, membership=membership
        ),
    } | _sharing_context(entry, membership)
    return _render(request, "journal/entry_detail.html", "entry", context)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def edit_entry(request, code):
    entry = _get_entry_for_author(request, code)
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            entries.update_entry(
                entry=entry, draft_code=form.cleaned_data["draft"], **form.content()
            )
            messages.success(request, "Your changes are saved.")
            return redirect("journal:entry", code=entry.code)
        context = _writing_context(request, form, entry=entry)
        return _render(
            request, "journal/entry_form.html", "entry-form", context, status=400
        )

    wanted = _uuid_or_none(request.GET.get("draft", ""))
    resumed = drafts.draft_to_resume(author=request.user, entry=entry, code=wanted)
    if resumed:
        initial = _draft_initial(resumed)
    else:
        initial = {
            "written_on": entry.written_on,
            "body": entry.body,
            "feelings": entry.feelings,
            "mood": entry.mood,
            "tags": entry.tag_codes,
            "draft": uuid.uuid4(),
            "revision": 0,
            "window": uuid.uuid4(),
        }
    form = EntryForm(initial=initial)
    context = _writing_context(request, form, entry=entry, resumed=resumed)
    return _render(request, "journal/entry_form.html", "entry-form", context)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def delete_entry(request, code):
    entry = _get_entry_for_author(request, code)
    if request.method == "POST":
        entries.delete_entry(entry=entry)
        messages.success(request, "The entry is deleted. It can't be brought back.")
        return redirect("journal:index")
    return _render(
        request, "journal/entry_delete.html", "delete-panel", {"entry": entry}
    )


# Autosave


@autosaves
@require_POST
@login_required
def autosave(request, code=None):
    """The journal's side of core.autosave: the page's draft, kept as its own row, and a copy
    kept beside it rather than overwritten when another window changed the same draft."""
    entry = _get_entry_for_author(request, code) if code else None
    form = DraftForm(request.POST)
    if not form.usable():
        if {"draft", "revision", "window"} & set(form.errors):
            return JsonResponse(
                {"problem": "This page is out of date. Please reload it."}, status=400
            )
        problem = next(iter(form.errors.values()))[0]
        return JsonResponse({"problem": problem}, status=400)
    data = form.cleaned_data
    content = form.content()
    result = drafts.autosave_draft(
        author=request.user,
        code=data["draft"],
        revision=data["revision"],
        window=data["window"],
        entry=entry,
        **content,
    )
    draft = result.draft
    # The text as the page has it (the form trims the ends), so the page knows it is saved.
    posted = {name: request.POST.get(name, "") for name in AUTOSAVED}
    code = draft.code if draft else data["draft"]
    page = (
        reverse("journal:edit", args=[entry.code]) if entry else reverse("journal:new")
    )
    answer = {
        "revision": core_autosave.revision_of(posted, AUTOSAVED),
        "set": {
            "draft": str(code),
            "revision": draft.revision if draft else data["revision"],
        },
        "url": f"{page}?draft={code}" if draft else page,
    }
    if result.conflict:
        answer |= {
            "state": "conflict",
            "message": "Saved as a separate copy",
            "detail": "This writing was also changed in another window, so we kept both "
            "versions. What you see here is saved as its own draft; the other version is "
            "under “Unfinished writing” in your journal.",
        }
    return JsonResponse(answer)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def discard_draft(request, code):
    draft = _get_draft_for_author(request, code)
    if request.method == "POST":
        drafts.discard_draft(draft=draft)
        messages.success(request, "The draft is deleted.")
        return redirect("journal:index")
    return _render(
        request, "journal/draft_discard.html", "discard-panel", {"draft": draft}
    )


# Sharing


def _sharing_context(entry: Entry, membership, **extra) -> dict:
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
    entry = _get_entry_for_author(request, code)
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
    context = _sharing_context(
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
    return _render(request, "journal/shared_list.html", "shared-list", context)


# A partner's acknowledgement autosaves (core.autosave), kept for its writer alone, until it is sent.
ACKNOWLEDGEMENT_FIELDS = AcknowledgementForm.text_fields


def _acknowledgement_key(entry: Entry) -> str:
    return f"acknowledgement:{entry.code}"


def _acknowledgement_shown(existing) -> dict[str, str]:
    if existing is None:
        return dict.fromkeys(ACKNOWLEDGEMENT_FIELDS, "")
    return _ack_initial(existing)


def _acknowledgement_context(request, entry, existing, form=None, **extra) -> dict:
    key = _acknowledgement_key(entry)
    if form is None:
        form = AcknowledgementForm(
            initial=core_autosave.kept_text(
                request.user, key, _acknowledgement_shown(existing)
            )
        )
        saved = core_autosave.revision(
            [form[name].value() or "" for name in ACKNOWLEDGEMENT_FIELDS]
        )
    else:  # refused: what was typed is kept, as far as it can be
        saved = core_autosave.keep(
            request.user,
            key,
            {name: form[name].value() or "" for name in ACKNOWLEDGEMENT_FIELDS},
            _acknowledgement_shown(existing),
        )
    return {
        "entry": entry,
        "acknowledgement": existing,
        "form": form,
        "acknowledgement_revision": saved,
        **extra,
    }


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def shared_detail(request, code):
    entry, membership = _get_shared_entry_for_partner(request, code)
    existing = sharing.acknowledgement_by(entry=entry, user=request.user)
    if request.method == "POST":
        form = AcknowledgementForm(request.POST)
        if form.is_valid():
            existing = sharing.acknowledge_entry(
                entry=entry, membership=membership, **form.cleaned_data
            )
            core_autosave.let_go(request.user, _acknowledgement_key(entry))
            notice = f"Sent. {entry.author.display_name} will see it under the entry."
            if not request.htmx:
                messages.success(request, notice)
                return redirect("journal:shared_entry", code=entry.code)
            context = _acknowledgement_context(request, entry, existing, notice=notice)
            return render(
                request, "journal/shared_detail.html#acknowledgement-panel", context
            )
        context = _acknowledgement_context(request, entry, existing, form)
        # 422 for htmx: it swaps the panel and its errors into place (templates/base.html), where
        # under DEBUG django-htmx's error overlay would take a 400 over the whole page.
        return _render(
            request,
            "journal/shared_detail.html",
            "acknowledgement-panel",
            context,
            status=422 if request.htmx else 400,
        )
    context = _acknowledgement_context(request, entry, existing)
    return _render(request, "journal/shared_detail.html", "shared-entry", context)


@autosaves
@require_POST
@login_required
def acknowledgement_draft(request, code):
    entry, _ = _get_shared_entry_for_partner(request, code)
    existing = sharing.acknowledgement_by(entry=entry, user=request.user)
    return core_autosave.save_text(
        request,
        key=_acknowledgement_key(entry),
        fields=ACKNOWLEDGEMENT_FIELDS,
        shown=_acknowledgement_shown(existing),
    )


def _ack_initial(acknowledgement: Acknowledgement) -> dict:
    return {
        "what_i_hear": acknowledgement.what_i_hear,
        "makes_sense": acknowledgement.makes_sense,
        "message": acknowledgement.message,
    }
