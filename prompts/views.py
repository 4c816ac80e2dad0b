from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from accounts.models import User

from . import discreet, emails
from .forms import PreferencesForm
from .models import EmailOptOut, Kind, Prompt
from .preferences import preferences_for, update_preferences


@require_safe
@login_required
def inbox(request):
    page = Paginator(
        Prompt.objects.filter(user=request.user).only(
            "code", "kind", "text", "link", "created_at", "read_at"
        ),
        30,
    ).get_page(request.GET.get("page"))
    return render(request, "prompts/inbox.html", {"page": page})


@require_POST
@login_required
def mark_read(request, code):
    prompt = get_object_or_404(Prompt, code=code, user=request.user)
    if prompt.read_at is None:
        prompt.read_at = timezone.now()
        prompt.save(update_fields=["read_at"])
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/")
        else "prompts:inbox"
    )


@require_safe
@login_required
def go(request, code):
    """Where every link in an email leads: /go/<opaque id>/, a path that says nothing of what the
    prompt is about (R38). Signing in first keeps the same neutral path in `next`. Opening it
    reads the prompt, then goes where it points."""
    prompt = get_object_or_404(Prompt, code=code, user=request.user)
    if prompt.read_at is None:
        prompt.read_at = timezone.now()
        prompt.save(update_fields=["read_at"])
    return redirect(prompt.link if prompt.link.startswith("/") else "prompts:inbox")


@require_POST
@login_required
def mark_all_read(request):
    Prompt.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("prompts:inbox")


@require_safe
@login_required
@vary_on_headers("HX-Request")
def badge(request):
    """The bell's unread count. Answers 304 with no rendering while nothing has changed."""
    unread = list(
        Prompt.objects.filter(user=request.user, read_at__isnull=True)
        .order_by("-pk")
        .values_list("pk", flat=True)[:100]
    )
    etag = f'"inbox-{len(unread)}-{unread[0] if unread else 0}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    # Rendered without the page's context processors: the bell needs nothing but the count.
    response = HttpResponse(
        render_to_string("prompts/badge.html", {"unread": len(unread)})
    )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    current = preferences_for(request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        instance=current,
        initial={"timezone": request.user.timezone},
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        update_preferences(
            preferences=saved, timezone_name=form.cleaned_data["timezone"]
        )
        discreet.remember(request, saved.discreet)
        messages.success(
            request, "Saved. Reminders will follow these choices from now on."
        )
        return redirect("prompts:preferences")
    return render(
        request,
        "prompts/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # the signed token is the credential; mail clients post here without a session (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = emails.read_unsubscribe_token(token)
    user = User.objects.filter(code=found[0]).first() if found else None
    if user is None:
        return render(
            request, "prompts/unsubscribe.html", {"invalid": True}, status=400
        )
    kind = found[1]
    if request.method == "POST":
        EmailOptOut.objects.get_or_create(user=user, kind=kind)
        if (
            request.POST.get("List-Unsubscribe") == "One-Click"
        ):  # a mail client, not a person
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return render(
            request,
            "prompts/unsubscribe.html",
            {"done": True, "kind": Kind(kind).label},
        )
    return render(request, "prompts/unsubscribe.html", {"kind": Kind(kind).label})
