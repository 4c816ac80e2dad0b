"""The Redis cache keeps one client per server, and still reads, writes and deletes."""

import os
import uuid

from django.conf import settings

from core.cache import ResilientRedisCache
from tests.conftest import require_service


def test_one_client_is_reused_for_every_call():
    require_service(bool(os.environ.get("REDIS_URL")), "Redis")
    # The tests' own cache is in-process (tests/conftest.py), so this one is made here.
    cache = ResilientRedisCache(
        os.environ["REDIS_URL"],
        {"KEY_PREFIX": "test", "OPTIONS": settings.REDIS_CACHE_OPTIONS},
    )
    key = str(uuid.uuid4())
    cache.set(key, {"n": 1}, 30)
    assert cache.get(key) == {"n": 1}
    cache.delete(key)
    assert cache.get(key) is None
    assert cache.client.get_client(write=True) is cache.client.get_client(write=True)
