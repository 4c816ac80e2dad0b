"""Your own entries: the list, writing (autosaved as you type), editing and deleting."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from core import autosave as core_autosave
from core.autosave import autosaves, fresh_writing
from couples.access import request_membership
from journal import drafts, entries, sharing
from journal.forms import (
    DraftForm,
    EntryForm,
    FilterForm,
)
from journal.models import Draft

from ._lookups import (
    get_draft_for_author,
    get_entry_for_author,
    render_part,
    uuid_or_none,
)
from .shared import sharing_context

# The long text fields autosave watches, in the page's order.
AUTOSAVED = ("body", "feelings")


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


def _role(request) -> str | None:
    """The person's role in their couple, which decides the responses they are offered."""
    membership = request_membership(request)
    return membership.role if membership else None


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
    membership = request_membership(request)
    form = FilterForm(request.POST if request.method == "POST" else None)
    form.offer_tags_for(membership.role if membership else None)
    filters = form.filters() if form.is_bound else {}
    results = entries.find_entries(author=request.user, **filters)
    page = entries.page_of_entries(
        results, request.POST.get("page") or request.GET.get("page")
    )
    context = {
        "filter_form": form,
        "page": page,
        "filtering": any(filters.values()),
        # A share belongs to the couple it was made in; once that couple ends it reaches nobody.
        "current_couple_id": membership.couple_id if membership else None,
    }
    if not request.htmx:
        context["drafts"] = drafts.drafts_for(request.user)
    return render_part(request, "journal/index.html", "entry-list", context)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def new_entry(request):
    if request.method == "POST":
        form = EntryForm(request.POST, role=_role(request))
        if form.is_valid():
            entry = entries.create_entry(
                author=request.user, code=form.cleaned_data["draft"], **form.content()
            )
            messages.success(request, "Saved. This entry is private to you.")
            return redirect("journal:entry", code=entry.code)
        context = _writing_context(request, form)
        return render_part(
            request, "journal/entry_form.html", "entry-form", context, status=400
        )

    resumed = None
    if not request.GET.get("fresh"):
        resumed = drafts.draft_to_resume(
            author=request.user,
            entry=None,
            code=uuid_or_none(request.GET["draft"]) if "draft" in request.GET else None,
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
    form = EntryForm(initial=initial, role=_role(request))
    context = _writing_context(request, form, resumed=resumed)
    return render_part(request, "journal/entry_form.html", "entry-form", context)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def entry_detail(request, code):
    entry = get_entry_for_author(request, code)
    membership = request_membership(request)
    context = {
        "entry": entry,
        "acknowledgements": sharing.acknowledgements_for_author(
            entry=entry, membership=membership
        ),
    } | sharing_context(entry, membership)
    return render_part(request, "journal/entry_detail.html", "entry", context)


@require_http_methods(["GET", "POST"])
@login_required
@fresh_writing
@vary_on_headers("HX-Request")
def edit_entry(request, code):
    entry = get_entry_for_author(request, code)
    if request.method == "POST":
        form = EntryForm(request.POST, role=_role(request))
        if form.is_valid():
            entries.update_entry(
                entry=entry, draft_code=form.cleaned_data["draft"], **form.content()
            )
            messages.success(request, "Your changes are saved.")
            return redirect("journal:entry", code=entry.code)
        context = _writing_context(request, form, entry=entry)
        return render_part(
            request, "journal/entry_form.html", "entry-form", context, status=400
        )

    wanted = uuid_or_none(request.GET.get("draft", ""))
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
    form = EntryForm(initial=initial, role=_role(request))
    context = _writing_context(request, form, entry=entry, resumed=resumed)
    return render_part(request, "journal/entry_form.html", "entry-form", context)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def delete_entry(request, code):
    entry = get_entry_for_author(request, code)
    if request.method == "POST":
        entries.delete_entry(entry=entry)
        messages.success(request, "The entry is deleted. It can't be brought back.")
        return redirect("journal:index")
    return render_part(
        request, "journal/entry_delete.html", "delete-panel", {"entry": entry}
    )


# Autosave


@autosaves
@require_POST
@login_required
def autosave(request, code=None):
    """The journal's side of core.autosave: the page's draft, kept as its own row, and a copy
    kept beside it rather than overwritten when another window changed the same draft."""
    entry = get_entry_for_author(request, code) if code else None
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
    draft = get_draft_for_author(request, code)
    if request.method == "POST":
        drafts.discard_draft(draft=draft)
        messages.success(request, "The draft is deleted.")
        return redirect("journal:index")
    return render_part(
        request, "journal/draft_discard.html", "discard-panel", {"draft": draft}
    )
