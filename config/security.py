"""Settings for security headers, cookies and how long a session lasts.

Part of config/settings.py, which imports every upper-case name here."""

import os

from django.utils.csp import CSP

from config.env import DEBUG, env_bool

_environ = os.environ


# Security headers and cookies.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Secure cookies carry the __Host- prefix: the browser then refuses them without Secure, with a
# Domain, or with a Path other than "/". SECURE_COOKIES=false is for plain-http development only.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = "/"
CSRF_COOKIE_PATH = "/"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The container's own health check asks over plain http from inside; a redirect would fail it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of Mend add themselves to X-Forwarded-For. Sign-in limits key on the
# address just before them: without this, every person would share the proxy's own address, and one
# person's failed tries (or thirty people signing in) would lock everyone out.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    _environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("BEHIND_PROXY") else "0")
)

# Sent by core.middleware.PrivacyHeadersMiddleware: features Mend never uses stay off.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "display-capture": [],
    "browsing-topics": [],
}

# A session ends after 30 minutes without activity, and 12 hours after sign-in whatever happens
# (core.middleware.SessionLifetimeMiddleware). The room of a running exercise session counts as
# activity, so nobody is signed out in the middle of an exercise.
SESSION_IDLE_TIMEOUT = 30 * 60
# Which background poll keeps its person signed in past the idle limit: a running session's room.
SESSION_KEEP_ALIVE = "repair.sessions.keeps_signed_in"
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
