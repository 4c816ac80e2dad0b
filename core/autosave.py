"""One way to autosave long writing, shared by every page where a person writes at length.

The page (static/js/autosave.js) posts its form a moment after typing pauses, every few seconds
while typing goes on, and with a beacon as the page is hidden or closed. With the text it sends
``autosave_base``: the revisions it knows the saved text may be at (the last one the server
confirmed, and any it sent that have not been answered yet: a beacon is never answered). A
revision is a hash of the text fields, computed the same way here and in the page, so no
model needs a counter.

``save`` stores the text when the saved text is at one of those revisions (or already says the
same) and answers ``{"revision": ...}``. Otherwise someone wrote here from another window or
device since this page last saved: it answers 409 with the newest saved text, stores nothing,
and the page keeps both in front of the person.

While its writing is unsaved the page keeps a short cookie, for its own address, naming the
beacon it will send as it goes; ``fresh_writing`` makes the reloaded writing page wait (briefly)
for that beacon to land, so it shows those words.
"""

import functools
import json
import time
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .models import AutosavedText

MAX_CHARS = 20_000
WAIT_COOKIE = "mend_autosave_wait"
WAIT_SECONDS = 3.0
# The page names its leaving beacon while its writing is unsaved (the cookie lasts two minutes,
# renewed while typing goes on), so "landed" is kept for longer than that.
LANDED_SECONDS = 300
_MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    return (a * b) & _MASK


def clean(text: str) -> str:
    """Browsers post line breaks as CRLF and show them as LF: store them as the page has them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def revision(values: Sequence[str]) -> str:
    """cyrb53 over the UTF-16 code units of the values, exactly as autosave.js computes it."""
    text = "\x1f".join(clean(value or "") for value in values)
    h1, h2 = 0xDEADBEEF, 0x41C6CE57
    for unit in memoryview(text.encode("utf-16-le", "surrogatepass")).cast("H"):
        h1 = _imul(h1 ^ unit, 2654435761)
        h2 = _imul(h2 ^ unit, 1597334677)
    h1 = _imul(h1 ^ (h1 >> 16), 2246822507) ^ _imul(h2 ^ (h2 >> 13), 3266489909)
    h2 = _imul(h2 ^ (h2 >> 16), 2246822507) ^ _imul(h1 ^ (h1 >> 13), 3266489909)
    return str(4294967296 * (2097151 & h2) + h1)


def revision_of(values: dict[str, str], fields: Sequence[str]) -> str:
    return revision([values.get(name, "") for name in fields])


def autosaves(view):
    """Marks a view as an autosave endpoint: quick exit may pass the last writing through it."""
    view.autosaves = True
    return view


def save(
    request,
    *,
    fields: Sequence[str],
    current: dict[str, str],
    store: Callable[[dict[str, str]], None],
) -> HttpResponse:
    """Call inside a transaction, with ``current`` read under a row lock.

    ``fields`` are the posted names of the text fields, in the page's order; ``current`` maps
    them to what is saved now (or what the page shows when nothing is saved yet).
    """
    try:
        incoming = {name: clean(request.POST.get(name, "")) for name in fields}
        if any(len(text) > MAX_CHARS for text in incoming.values()):
            return JsonResponse(
                {
                    "problem": f"This is longer than {MAX_CHARS:,} characters. "
                    "Please shorten it a little, or split it in two."
                },
                status=400,
            )
        saved_now = revision_of(current, fields)
        wanted = revision_of(incoming, fields)
        if wanted == saved_now:
            return JsonResponse({"revision": wanted})
        if saved_now not in request.POST.getlist("autosave_base"):
            return JsonResponse(
                {
                    "revision": saved_now,
                    "fields": {name: current.get(name, "") for name in fields},
                },
                status=409,
            )
        store(incoming)
        return JsonResponse({"revision": wanted})
    finally:
        _landed(request)


def _wait_key(request, nonce: str) -> str:
    return f"autosave:landed:{request.user.pk}:{nonce[:40]}"


def _landed(request) -> None:
    nonce = request.POST.get("autosave_nonce")
    if nonce:
        # After the commit: inside save_text's transaction the reloaded page would otherwise
        # be told "landed" and read the writing from before this save.
        key = _wait_key(request, nonce)
        transaction.on_commit(lambda: cache.set(key, 1, LANDED_SECONDS))


def fresh_writing(view):
    """For a writing page: never cached, never kept by the browser, and shown only after the
    beacon the previous copy of the page sent as it went has been saved (waiting at most a few
    seconds, and not at all when nothing was sent)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Only a page load waits: htmx asking this address for a part of the page never does.
        nonce = (
            None
            if "HX-Request" in request.headers
            else request.COOKIES.get(WAIT_COOKIE)
        )
        if nonce and request.method == "GET" and request.user.is_authenticated:
            deadline = time.monotonic() + WAIT_SECONDS
            while not cache.get(_wait_key(request, nonce)):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        response = view(request, *args, **kwargs)
        if nonce:
            # The page names it for its own address (static/js/autosave.js).
            response.delete_cookie(WAIT_COOKIE, path=request.path, samesite="Strict")
        add_never_cache_headers(response)
        return response

    return wrapper


# Writing that has no draft of its own (an answer, a reflection, an acknowledgement, a note) is
# kept in AutosavedText under a key naming what it is for, until the real thing is saved.


def kept_text(user, key: str, shown: dict[str, str]) -> dict[str, str]:
    """What the writing page shows: the kept writing, or ``shown`` when nothing is kept."""
    row = AutosavedText.objects.filter(owner=user, key=key).first()
    if row is None:
        return dict(shown)
    return shown | json.loads(row.text or "{}")


def save_text(request, *, key: str, fields: Sequence[str], shown: dict[str, str]):
    """The whole autosave view for writing kept in AutosavedText, once access is checked."""
    with transaction.atomic():
        row, _ = AutosavedText.objects.select_for_update().get_or_create(
            owner=request.user, key=key, defaults={"text": json.dumps(shown)}
        )

        def store(values: dict[str, str]) -> None:
            row.text = json.dumps(values)
            row.updated_at = timezone.now()
            row.save(update_fields=["text", "updated_at"])

        current = shown | json.loads(row.text or "{}")
        return save(request, fields=fields, current=current, store=store)


def keep(
    user, key: str, values: dict[str, str], shown: dict[str, str] | None = None
) -> str:
    """Keeps writing that was sent but refused (a form error), so a reload still shows it.

    Answers the revision now kept, for the page that shows the refused form: writing too long
    to keep stays unsaved there, and the page goes on saying so."""
    values = {name: clean(text or "") for name, text in values.items()}
    if any(len(text) > MAX_CHARS for text in values.values()):
        kept = kept_text(user, key, shown or dict.fromkeys(values, ""))
        return revision_of(kept, list(values))
    AutosavedText.objects.update_or_create(
        owner=user,
        key=key,
        defaults={"text": json.dumps(values), "updated_at": timezone.now()},
    )
    return revision_of(values, list(values))


def let_go(user, key: str) -> None:
    """The real thing is saved: the kept writing has done its job."""
    AutosavedText.objects.filter(owner=user, key=key).delete()
