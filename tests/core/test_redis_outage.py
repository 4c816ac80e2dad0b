"""Redis is a cache, not a single point of failure.

A Redis of the test's own (append-only, as in production) holds the cache and the sessions' copies,
with the production client settings. The test kills it and freezes it (SIGSTOP): a signed-in
person keeps reading, writing, checking in, signing in and out; the session room's polls answer
from the database; a sign-out made while Redis was unreachable holds once it is back; and a
frozen Redis makes a page wait about half a second, not hang.
"""

import shutil
import signal
import time
import uuid
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.test import Client
from django_redis.client import DefaultClient
from pytest_django.asserts import assertRedirects

from checkins.models import CheckIn
from core import cached_db
from couples.access import active_membership
from journal.models import Entry
from repair import sessions
from repair.models import Exercise
from tests.accounts.factories import PASSWORD
from tests.conftest import require_service
from tests.prompts.test_redis_restart import PrivateRedis

pytestmark = pytest.mark.django_db

CHECK_IN = {
    "light": "yellow",
    "safe": 3,
    "not_performing": 4,
    "can_say_no": 2,
    "can_say_yes": 3,
    "equal": 5,
}


class Hung(BaseException):
    """Not an Exception, so no `except Exception` on the way (a health check's) swallows it."""


@contextmanager
def hard_timeout(seconds: float):
    """Fails the block if it has not returned after `seconds`: a guard against hanging, not a
    measure of speed."""

    def hung(signum, frame):
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class CacheRedis(PrivateRedis):
    def __init__(self, folder, settings):
        super().__init__(folder)
        self.settings = settings

    def use(self) -> None:
        """Point the cache at this Redis, through a fresh backend: what a web process sees once
        it tries Redis again after an outage."""
        self.settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": self.url,
                "OPTIONS": self.settings.REDIS_CACHE_OPTIONS,
            }
        }

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_cache(tmp_path, settings):
    """The cache and the sessions' copies in a Redis of this test's own (after the autouse
    fixture in tests/conftest.py has put an in-process cache in place)."""
    require_service(bool(shutil.which("redis-server")), "redis-server")
    server = CacheRedis(tmp_path, settings)
    server.start()
    server.use()
    settings.SESSION_ENGINE = "core.cached_db"
    yield server
    if server.process.poll() is None:
        server.process.kill()  # also ends a frozen one
        server.process.wait(timeout=10)


def session_cookie(client, settings) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in_with(cookie: str, settings) -> bool:
    """Whether a browser holding this session cookie is signed in."""
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get("/journal/")
    if response.status_code == 302:
        assert response.url.startswith("/accounts/login/")
        return False
    assert response.status_code == 200
    return True


def write_entry(client, body: str):
    keys = {"draft": str(uuid.uuid4()), "revision": "0", "window": str(uuid.uuid4())}
    return client.post(
        "/journal/new/", {"written_on": "2026-03-04", "body": body, **keys}
    )


def test_with_redis_down_a_signed_in_person_reads_writes_and_quick_exits(
    client, alice, couple, redis_cache, settings, monkeypatch
):
    monkeypatch.setattr(cached_db, "CACHE_SECONDS", 1)
    client.force_login(alice)
    assert client.get("/").status_code == 200
    redis_cache.kill()

    for page in ("/", "/repair/", "/journal/", "/checkins/", "/inbox/"):
        assert client.get(page).status_code == 200, page
    response = write_entry(client, "Written while the cache was down.")
    entry = Entry.objects.get(author=alice)
    assertRedirects(response, f"/journal/{entry.code}/")
    assert entry.body == "Written while the cache was down."
    assertRedirects(client.post("/checkins/", CHECK_IN), "/checkins/")
    assert CheckIn.objects.filter(user=alice, light="yellow").exists()

    cookie = session_cookie(client, settings)
    assert client.post("/safety/exit/").status_code == 204
    assert not signed_in_with(cookie, settings)

    # Redis comes back with whatever its append-only file kept, the session's copy perhaps.
    time.sleep(cached_db.CACHE_SECONDS + 0.5)
    redis_cache.start()
    redis_cache.use()
    assert not signed_in_with(cookie, settings)


def test_with_redis_down_a_person_signs_in_and_out(alice, redis_cache, settings):
    redis_cache.kill()
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": alice.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/journal/").status_code == 200
    cookie = session_cookie(client, settings)
    assert client.post("/accounts/logout/").status_code == 302
    assert not signed_in_with(cookie, settings)


def test_a_sign_out_while_redis_is_frozen_holds_once_it_is_back(
    client, alice, redis_cache, settings, monkeypatch
):
    monkeypatch.setattr(cached_db, "CACHE_SECONDS", 1)
    client.force_login(alice)
    assert client.get("/journal/").status_code == 200
    cookie = session_cookie(client, settings)
    # The copy a returning Redis could sign her back in with.
    assert caches["default"].has_key(cached_db.SessionStore.cache_key_prefix + cookie)

    redis_cache.freeze()
    with hard_timeout(5):
        assert client.post("/safety/exit/").status_code == 204
        assert not signed_in_with(cookie, settings)
    time.sleep(cached_db.CACHE_SECONDS + 0.5)
    redis_cache.thaw()
    redis_cache.use()
    assert not signed_in_with(cookie, settings)


def test_with_redis_frozen_a_signed_in_page_answers_instead_of_hanging(
    client, alice, couple, redis_cache
):
    client.force_login(alice)
    assert client.get("/repair/").status_code == 200
    redis_cache.freeze()
    # The session, the content library: each would wait on Redis without the short timeouts.
    with hard_timeout(3):
        response = client.get("/repair/")
    assert response.status_code == 200


def test_after_one_timeout_the_cache_leaves_a_frozen_redis_alone(
    redis_cache, monkeypatch
):
    cache = caches["default"]
    cache.set("kept", 1)
    redis_cache.freeze()
    with hard_timeout(3):
        assert cache.get("kept") is None  # one socket timeout

    def refuse(*args, **kwargs):
        raise AssertionError("Redis was asked again right after timing out")

    monkeypatch.setattr(DefaultClient, "get_client", refuse)
    assert cache.get("kept") is None
    assert cache.get_many(["kept"]) == {}
    assert "kept" not in cache
    cache.set("other", 2)
    cache.delete("kept")
    assert cache.add("lock", 1) is True  # a lock on an unreachable cache is granted
    assert cache.get_or_set("computed", lambda: 3) == 3


def test_with_redis_down_the_session_room_polls_answer_from_the_database(
    client, alice, bob, couple, redis_cache
):
    exercise = Exercise.objects.filter(published=True, who="together").first()
    session = sessions.invite(membership=active_membership(alice), exercise=exercise)
    live = f"/repair/sessions/{session.code}/live/"
    client.force_login(alice)
    etag = client.get(live)["ETag"]
    redis_cache.kill()

    assert client.get(live, headers={"If-None-Match": etag}).status_code == 200
    sessions.accept(session=session, user=bob)
    response = client.get(live, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
