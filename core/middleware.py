"""Response headers and session limits that Django does not provide on its own."""

import time
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django_htmx.http import HttpResponseClientRedirect

from .models import AuthzDenied

# Views that end a session: the browser is also told to forget everything it kept of Mend.
SIGN_OUT_VIEWS = {"account_logout", "quick_exit"}
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"camera": []} -> "camera=()"; {"fullscreen": ["self"]} -> "fullscreen=(self)"."""
    return ", ".join(
        f"{feature}=({' '.join(allowlist)})" for feature, allowlist in policy.items()
    )


class PrivacyHeadersMiddleware:
    """Permissions-Policy on everything; no-store on every page; Clear-Site-Data on sign-out.

    Sits just below SecurityMiddleware so WhiteNoise's static files get Permissions-Policy too,
    while keeping their own long-lived cache headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if request.path.startswith(self.static_prefix):
            return response
        # Every page may hold someone's private words, or a CSRF token: nothing is kept in any cache.
        cache_control = response.headers.get("Cache-Control", "")
        if "no-store" not in cache_control or "private" not in cache_control:
            response.headers["Cache-Control"] = "no-store, private"
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.url_name in SIGN_OUT_VIEWS
        ):
            response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


def stamp_new_session(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the clock starts at sign-in, saved with the new session."""
    now = int(time.time())
    request.session[SessionLifetimeMiddleware.SIGNED_IN_AT] = now
    request.session[SessionLifetimeMiddleware.LAST_SEEN] = now


def same_site_path(request, url: str | None) -> str | None:
    """The path of ``url`` if it points at this site; None for anything else (no open redirect)."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    path = urlsplit(url).path
    # "//elsewhere" or "/\\elsewhere" as a path would leave the site again.
    if not path.startswith("/") or not url_has_allowed_host_and_scheme(path, None):
        return None
    return path


def sign_in_again(request):
    """Where a signed-out htmx request sends the whole page: the sign-in page, coming back to
    the page the person is on (htmx names it in HX-Current-URL; only its path is used)."""
    back = same_site_path(request, request.headers.get("HX-Current-URL"))
    return HttpResponseClientRedirect(
        redirect_to_login(back).url if back else resolve_url(settings.LOGIN_URL)
    )


class SessionLifetimeMiddleware:
    """Ends a signed-in session after SESSION_IDLE_TIMEOUT seconds without activity, or
    SESSION_ABSOLUTE_TIMEOUT seconds after sign-in, and sends the person to sign in again.

    Background polling (htmx GETs such as the inbox badge) does not count as activity, so a phone
    left open on a page still times out; the one exception is a running session's room
    (``_is_activity``).

    Any htmx request from someone signed out (timed out here, or signed out elsewhere: another
    device, a password change, a safety reset) that a view answers with the sign-in redirect gets
    HX-Redirect instead, so the whole page goes to the sign-in page, with ``next`` back to the
    page the person was on, and no sign-in form is swapped into a fragment.
    """

    SIGNED_IN_AT = "mend_signed_in_at"
    LAST_SEEN = "mend_last_seen"
    # When a background poll last asked whether it keeps the session alive.
    KEEP_ALIVE_CHECKED = "mend_keep_alive_checked"
    # Write the "last seen" time at most this often, so most requests save no session. The
    # session room asks the database at most this often whether its session is still running.
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = resolve_url(settings.LOGIN_URL)

    def __call__(self, request):
        htmx = "HX-Request" in request.headers
        # The session alone says whether someone signed in: loading the user here would cost every
        # request a query, even the ones (the session room's 304) that never need the user.
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            signed_in_at = session.setdefault(self.SIGNED_IN_AT, now)
            last_seen = session.setdefault(self.LAST_SEEN, now)
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                # Said before signing out, for receivers of user_logged_out: a time limit on one
                # browser is not the person leaving (see still_here_elsewhere).
                request.signed_out_by_time_limit = True
                logout(request)
                if not htmx:
                    return redirect_to_login(request.get_full_path())
                # An htmx request goes on, signed out, and is answered like any other below: the
                # session room says so in place, everything else sends the page to sign in.
            elif now - last_seen >= self.RESOLUTION and self._is_activity(
                request, session, now, htmx
            ):
                session[self.LAST_SEEN] = now
        response = self.get_response(request)
        if (
            htmx
            and response.status_code == 302
            and urlsplit(response.get("Location", "")).path == self.login_path
        ):
            return sign_in_again(request)
        return response

    def _is_activity(self, request, session, now: int, htmx: bool) -> bool:
        """Anything the person does counts. Of the background polls, only the session room's
        counts, while its session is running and the person is in it: the couple were told to put
        their phones down, so nobody is signed out in the middle of an exercise (the absolute
        limit still applies). Asking the database once a minute is enough for that."""
        if request.method != "GET" or not htmx:
            return True
        # Which poll that is belongs to the app that owns it (SESSION_KEEP_ALIVE names the
        # function), so this lowest layer knows nothing of exercise sessions.
        keeps_alive = import_string(settings.SESSION_KEEP_ALIVE)
        if now - session.get(self.KEEP_ALIVE_CHECKED, 0) < self.RESOLUTION:
            return False
        answer = keeps_alive(request, user_id=session[SESSION_KEY])
        if answer is not None:
            session[self.KEEP_ALIVE_CHECKED] = now
        return bool(answer)


def still_here_elsewhere(request, user) -> bool:
    """Whether the person is active in another browser: signed in there and seen within the idle
    limit. A laptop left on Today that times out is not the person leaving an exercise running on
    their phone."""
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.backends.base import SessionBase

    now = int(time.time())
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    for key in (
        UserSession.objects.filter(user_id=user.pk)
        .exclude(session_key=request.session.session_key or "")
        .values_list("session_key", flat=True)
    ):
        other: SessionBase = engine(session_key=key)
        seen = other.get(SessionLifetimeMiddleware.LAST_SEEN)
        signed_in_at = other.get(SessionLifetimeMiddleware.SIGNED_IN_AT, now)
        if (
            other.get(SESSION_KEY)
            and seen is not None
            and now - seen <= settings.SESSION_IDLE_TIMEOUT
            and now - signed_in_at <= settings.SESSION_ABSOLUTE_TIMEOUT
        ):
            return True
    return False


# Refusals worth a line in the log of refused requests: "not yours" (404 hides that it exists).
REFUSED = {403, 404}


def refused_path(request) -> str:
    """The path when every argument in it is an opaque id; otherwise the route's pattern, so a
    token (an invitation or unsubscribe link) or a slug naming a consent item is never stored."""
    match = request.resolver_match
    if all(isinstance(value, uuid.UUID) for value in match.kwargs.values()):
        return request.path[:300]
    return "/" + match.route[:299]


class AuthzDeniedMiddleware:
    """Writes an `AuthzDenied` row (one INSERT) when a signed-in person is refused a known route,
    whether the view raised Http404/PermissionDenied or answered 403/404 itself. Nothing is
    written for anonymous visitors, unknown URLs, or any other response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in REFUSED:
            user = getattr(request, "user", None)
            match = getattr(request, "resolver_match", None)
            if user is not None and user.is_authenticated and match is not None:
                AuthzDenied.objects.create(
                    user_id=user.pk,
                    path=refused_path(request),
                    status=response.status_code,
                )
        return response
