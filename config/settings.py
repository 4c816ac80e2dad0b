"""Mend settings: one file, configured from the environment.

Development defaults are safe to run on a laptop (SQLite, a filesystem Celery broker,
console email). With DEBUG off, secrets have no default and a missing one stops start-up.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from core.crypto import parse_keys

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_environ = os.environ


def env_str(name: str, default: str | None = None) -> str:
    value = _environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    return _environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip() for item in _environ.get(name, default).split(",") if item.strip()
    ]


DEBUG = env_bool("DEBUG")

# Production secrets: no default unless DEBUG is on.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-mend-key" if DEBUG else None)
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS must be set.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in emails start with it. With DEBUG off there is no default: a forgotten SITE_URL would
# quietly send every invitation and reminder to localhost.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None)

INSTALLED_APPS = [
    "config.apps.MendAdminConfig",  # the admin, signed in to through allauth (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's signed-in devices page
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "core",
    "accounts",
    "couples",
    "repair",
    "checkins",
    "journal",
    "steadying",
    "prompts",
    "reach",
    "therapists",
    "privacy",
    "today",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionLifetimeMiddleware",
    "core.middleware.AuthzDeniedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.mend",
                "couples.context_processors.pause_state",
                "prompts.discreet.discreet",
            ],
        },
    },
]

# Database: PostgreSQL when DATABASE_URL is set, the embedded SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mend.sqlite3'}"),
        conn_max_age=0 if DEBUG else 60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL, so psycopg can prepare a query the connection runs
    # often: PostgreSQL then plans it once, not on every request (planning cost more than running
    # most of the pages' queries). A connection pooler in transaction mode that cannot keep
    # prepared statements needs DATABASE_PREPARED_STATEMENTS=false.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": env_bool("DATABASE_PREPARED_STATEMENTS", True)
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so the browser tests' live server thread shares the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-mend.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves the Celery broker and the cache when REDIS_URL is set.
REDIS_URL = _environ.get("REDIS_URL", "")
# A Redis cache that is down or frozen costs a request about half a second, after which the
# cache misses for a few seconds and the database answers (core/cache.py).
REDIS_CACHE_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": env_str("REDIS_CACHE_URL", REDIS_URL),
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
    # Signed-in requests read the session from the cache (it is still written to the database), so
    # they cost no session query. Only with Redis: a per-process cache could keep serving a session
    # that another process ended. Copies live seconds, so one that a sign-out during an outage could
    # not delete does not outlast it (core/cached_db.py).
    SESSION_ENGINE = "core.cached_db"
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # A web request that queues a task (core.tasks.enqueue) waits at most about a second for a
    # broker that is down or frozen; workers' blocking reads wait brpop_timeout (1 s), below these.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        "socket_connect_timeout": 1,
        "socket_timeout": 1.5,
    }
else:
    # The no-server default: a folder acts as the broker, shared by web, worker and beat.
    CELERY_DIR = VAR_DIR / "celery"
    # A folder, not process memory: every web and worker process must see the same cache (the
    # session room's live answers and the exercise library are invalidated through it).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
    # kombu's filesystem transport needs its folders before the first process touches them.
    for _folder in ("queue", "processed", "control", "results"):
        (CELERY_DIR / _folder).mkdir(parents=True, exist_ok=True)

CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_IGNORE_RESULT = (
    True  # tasks record their effects in the database; only ping returns a value
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How long a publish waits to connect to the broker, all attempts together (the default is 4 s).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Periodic jobs live here, in UTC; the tasks themselves work out who is due.
CELERY_BEAT_SCHEDULE = {
    # Every 5 minutes (an interval, so always UTC): find who is due for a gentle prompt.
    "prompts-tick": {"task": "prompts.tasks.tick", "schedule": 300.0},
    # Every 2 minutes: notifications that wait (quiet hours, a push service that failed) go out.
    "reach-retry": {"task": "reach.tasks.retry_pushes", "schedule": 120.0},
}

AUTH_USER_MODEL = "accounts.User"
# allauth's backend alone (it extends ModelBackend, so the admin sign-in works too): with both,
# every failed sign-in would run the password hasher twice.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# Argon2 first; older PBKDF2 hashes still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login; every address is verified before first use.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.EqualWorkSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = (
    ""  # subjects stay neutral: no product name, nothing revealing
)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never skips the second factor
# Failed sign-ins, refused before the password is checked (accounts/adapter.py):
# 10 per 15 minutes for one account from one address, and 100 per hour for one account from
# everywhere, so a guesser elsewhere slows the real person down for at most an hour.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/15m/key",
    "login_failed_account": "100/1h/key",
}
# Two-step sign-in: an authenticator app, recovery codes, or a passkey.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Passkeys work as the second step. Passwordless passkey sign-in stays off for now: its button
# sits next to "Sign In" on the login form, and needs its own browser test first.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = env_str(
    "MFA_TOTP_ISSUER", "Account"
)  # shown in authenticator apps: neutral
USERSESSIONS_TRACK_ACTIVITY = False

# Email: the console in development, SMTP configured from the environment otherwise.
if MAIL_FOLDER := _environ.get("MAIL_FOLDER", ""):
    # Each message becomes a file in this folder: for trying Mend without a mail server.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": MAIL_FOLDER},
        }
    }
elif env_str("EMAIL_HOST", "") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": int(env_str("EMAIL_PORT", "587")),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Notifications <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("PLAIN_STATIC")
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

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

# Mend.
# Keys for private writing, newest first: "id:<32 random bytes, base64>,...". Independent of
# SECRET_KEY. Generate one with: python -c "from core.crypto import new_key_spec; print(new_key_spec('k1'))"
FIELD_ENCRYPTION_KEYS = parse_keys(
    env_str(
        "FIELD_ENCRYPTION_KEYS",
        "dev:ZGV2LW9ubHkta2V5LW5vdC1zZWNyZXQtMzJieXRlcyE" if DEBUG else None,
    )
)
INVITATION_TTL_DAYS = 7
INVITATION_EMAILS_PER_ADDRESS_PER_DAY = 3
# How long the append-only logs (the access log, refused requests, staff changes) keep a row.
# `manage.py prune_logs` removes older rows, the only deletion their database guard allows.
LOG_RETENTION_DAYS = int(_environ.get("LOG_RETENTION_DAYS", "730"))
# Web Push (reach/): all three set, or notifications are simply off. Make the keys with
# `manage.py generate_vapid_keys`; the subject is a mailto: or https: address push services may use.
VAPID_PUBLIC_KEY = _environ.get("VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY = _environ.get("VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = _environ.get("VAPID_SUBJECT", "")
# Push services a browser's subscription may point at (a host or its subdomains). Mend posts to the
# stored address, so nothing else may get in: not an address on the operator's own network.
PUSH_SERVICE_HOSTS = env_list(
    "PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,"
    "push.apple.com,notify.windows.com",
)
# Where the quick-exit control sends someone: an ordinary, unremarkable page.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.com/weather")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
