"""Settings for Redis, the cache and Celery: Redis when REDIS_URL is set, a folder otherwise.

Part of config/settings.py, which imports every upper-case name here."""

import os

from config.env import VAR_DIR, env_bool, env_str

_environ = os.environ


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
