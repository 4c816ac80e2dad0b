"""Sessions in the database, with a short-lived copy in the cache (SESSION_ENGINE with Redis).

Django's cached_db engine, with one change: a copy lives in the cache for at most CACHE_SECONDS.
The database row is the session; the copy only saves a signed-in request its session query.

While Redis cannot be reached, the cache (core.cache) misses and skips writes, so sessions are
read from and written to the database alone, and sign-out and quick exit delete the row. What
they cannot delete is the copy in Redis: once Redis answers again (a freeze, a network cut, an
append-only restart), it would sign the person back in. A copy is only ever written while Redis
answers, so before the sign-out (no later request can write it: the row is gone, a load finds
nothing and a save fails), and it expires CACHE_SECONDS after it was written. A session signed
out during an outage therefore stays signed out once Redis is back, save for the outage's first
CACHE_SECONDS; the same bound holds for any other change the cache missed. Checking every cache
hit against the database would close that window, but cost every request the query the cache is
there to save (the session room's polls among them); a short life costs one query per person
every CACHE_SECONDS.
"""

from django.contrib.sessions.backends import cached_db
from django.db import transaction

CACHE_SECONDS = 10


class ShortLivedCache:
    """The session cache, every entry's life cut to CACHE_SECONDS."""

    def __init__(self, cache):
        self.cache = cache

    def set(self, key, value, timeout):
        self.cache.set(key, value, min(timeout, CACHE_SECONDS))

    async def aset(self, key, value, timeout):
        await self.cache.aset(key, value, min(timeout, CACHE_SECONDS))

    def __contains__(self, key):
        return key in self.cache

    def __getattr__(self, name):
        return getattr(self.cache, name)


class SessionStore(cached_db.SessionStore):
    # Not Django's prefix: copies written before this engine, for as long as the session, are
    # never read.
    cache_key_prefix = "mend.session."

    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = ShortLivedCache(self._cache)

    def delete(self, session_key=None):
        key = session_key or self.session_key
        super().delete(session_key)
        if key is None:
            return
        # Signing someone out elsewhere (a safety reset) deletes the row inside a transaction: a
        # request of theirs that read the row before the commit puts a copy back in the cache.
        # Delete it again once the row is gone for good, so the sign-out holds at once.
        cache_key = self.cache_key_prefix + key
        transaction.on_commit(lambda: self._cache.delete(cache_key))
