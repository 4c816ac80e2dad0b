"""Mend settings, configured from the environment (config/env.py reads it). Two parts live in
their own modules and are imported below: Redis, the cache and Celery (config/background.py), and
security headers, cookies and session lifetimes (config/security.py).

Development defaults are safe to run on a laptop (SQLite, a filesystem Celery broker,
console email). With DEBUG off, secrets have no default and a missing one stops start-up.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import BASE_DIR, DEBUG, VAR_DIR, env_bool, env_list, env_str
from core.crypto import parse_keys

_environ = os.environ


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
    "measures",
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
                "therapists.context_processors.therapist_standing",
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

# Redis, the cache and Celery (config/background.py).
from config.background import *  # noqa: E402, F403

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
ACCOUNT_FORMS = {
    "login": "accounts.sign_in.SignInForm",
    "signup": "accounts.signup.EqualWorkSignupForm",
}
# No "remember me" box: a session always ends when the browser closes (and after the idle and
# absolute limits in config/security.py), which is the safer default on a shared device.
ACCOUNT_SESSION_REMEMBER = False
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
# A person hears, in a discreet email, when their password, address or two-step sign-in changes:
# if someone else knows their password, this is how they find out.
ACCOUNT_EMAIL_NOTIFICATIONS = True
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
    MAILERS = {"default": {"BACKEND": "core.console_mail.EmailBackend"}}
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

# Security headers, cookies and session lifetimes (config/security.py).
from config.security import *  # noqa: E402, F403

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
