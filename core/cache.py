"""The Redis cache, which never fails a request.

Redis is a cache here, not a single point of failure. The backend is django-redis's, configured
through its documented options (short socket timeouts; its client keeps one connection pool and one
Redis client per server, so a cache call doesn't build a new client). This subclass treats an
unreachable cache as an empty one, so every caller falls back to what it does on a miss: sessions,
the content library and the session room's live answers read the database, and rate limits apply
no limit. It overrides only the cache's public methods.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    """While Redis cannot be reached, reads miss and writes are skipped, without raising.

    ``add`` answers True: nothing in an unreachable cache can collide with the value, so a lock
    built on it (allauth's rate limits) is granted instead of waiting for Redis. ``incr`` and
    ``clear`` still raise: nothing in Mend counts in the cache, and a clear should say when it
    did not clear.
    """

    # After a failure, Redis is left alone for this many seconds: a frozen Redis costs a request
    # one socket timeout now and then, not one per cache call.
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        # Backends are made per thread (django.core.cache.caches), so this needs no lock.
        self._unreachable_until = 0.0

    def _guarded(self, fallback, method, *args):
        if time.monotonic() < self._unreachable_until:
            return fallback
        try:
            return method(*args)
        # django-redis re-raises the redis-py error when it is not told to ignore exceptions.
        except RedisError as error:
            self._unreachable_until = time.monotonic() + self.RETRY_AFTER
            logger.warning(
                "Cache unreachable, left alone for %ss: %s",
                self.RETRY_AFTER,
                type(error).__name__,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._guarded(None, super().delete_many, keys, version)
