import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from prompts import discreet

from . import devices, push
from .models import Device

# The light theme colour; base.html also gives browsers a dark one.
THEME_LIGHT = "#f7f5f2"
# The look of the app: what the offline page needs, and the installed app's icons.
PRECACHE = [
    "css/mend.css",
    "js/mend.js",
    "img/plain.svg",
    "img/favicon.svg",
    "img/plain-192.png",
    "img/mend-192.png",
]


def _icons(name: str) -> list[dict]:
    return [
        {
            "src": static(f"img/{name}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any",
        }
        for size in (192, 512)
    ]


@require_safe
def manifest(request):
    """The installed app's name and icon follow discreet mode: "Notes" and a plain square while
    it is on (the default, and for anyone signed out), Mend's own when the person turned it off."""
    plain = discreet.discreet(request)["discreet"]
    name = discreet.NEUTRAL_TITLE if plain else "Mend"
    data = {
        "id": "/",
        "name": name,
        "short_name": name,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": THEME_LIGHT,
        "theme_color": THEME_LIGHT,
        "icons": _icons("plain" if plain else "mend"),
    }
    if not plain:
        data["description"] = (
            "Guided repair for couples, at the pace of the one who was hurt."
        )
    return JsonResponse(data, content_type="application/manifest+json")


@cache
def _service_worker_source() -> str:
    context = {
        "precache": json.dumps([static(path) for path in PRECACHE]),
        "offline_url": reverse("reach:offline"),
        "static_prefix": "/" + settings.STATIC_URL.lstrip("/"),
        # Hashed names never change content, so they can be served from the cache first.
        "immutable": json.dumps(isinstance(staticfiles_storage, ManifestFilesMixin)),
        "icon": static("img/plain-192.png"),
        "title": json.dumps(push.NEUTRAL_TITLE),
        "body": json.dumps(push.NEUTRAL_BODY),
        "version": "",
    }
    source = render_to_string("reach/sw.js", context)
    # A new list of files (or new code) is a new cache: the old one is dropped on activation.
    context["version"] = hashlib.sha256(source.encode()).hexdigest()[:12]
    return render_to_string("reach/sw.js", context)


@require_safe
def service_worker(request):
    """Served from the root so that its scope is the whole site."""
    return HttpResponse(
        _service_worker_source(),
        content_type="text/javascript",
        headers={"Service-Worker-Allowed": "/"},
    )


@require_safe
def offline(request):
    """The one page the service worker keeps. It is the same for everyone: rendered without the
    request, so no name, no token and nothing from a session can ever be in it."""
    return HttpResponse(
        render_to_string(
            "reach/offline.html",
            {
                "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
                "theme_light": THEME_LIGHT,
            },
        )
    )


@require_POST
@login_required
def add_device(request):
    """This browser's push subscription, as PushManager.subscribe() gave it (JSON, with the CSRF
    token in X-CSRFToken like every htmx request)."""
    if not push.enabled():
        # Not a refusal of this person (nothing to log): this Mend has no push keys.
        return JsonResponse({"error": "Notifications are not set up here."}, status=501)
    try:
        data = json.loads(request.body)
        endpoint = str(data["endpoint"])
        p256dh = str(data["keys"]["p256dh"])
        auth = str(data["keys"]["auth"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Not a subscription.")
    if len(endpoint) > 1000 or not devices.valid_subscription(endpoint, p256dh, auth):
        return HttpResponseBadRequest("Not a subscription.")
    device = devices.add_device(
        user=request.user,
        endpoint=endpoint,
        p256dh=p256dh,
        auth=auth,
        user_agent=request.headers.get("User-Agent", ""),
    )
    if device is None:
        return JsonResponse(
            {"error": "That's as many devices as Mend keeps. Remove one first."},
            status=409,
        )
    return JsonResponse({"device": str(device.code), "label": device.label}, status=201)


@require_POST
@login_required
def remove_device(request, code):
    device = get_object_or_404(Device, code=code, user=request.user)
    devices.remove_device(device)
    if request.headers.get("Accept", "").startswith("application/json"):
        return HttpResponse(status=204)
    return redirect(reverse("prompts:preferences") + "#devices")
