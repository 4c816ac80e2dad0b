"""A sign-out made elsewhere (a safety reset) holds at once, even against a request in flight."""

import pytest
from django.core.cache import caches

from core.cached_db import SessionStore

pytestmark = pytest.mark.django_db


def test_a_copy_cached_while_the_sign_out_commits_is_removed_with_it(
    alice, django_capture_on_commit_callbacks
):
    session = SessionStore()
    session["_auth_user_id"] = str(alice.pk)
    session.create()
    key = session.session_key
    cache = caches["default"]

    with django_capture_on_commit_callbacks(execute=True):
        SessionStore(key).delete()
        # Her phone's poll read the row before the deletion committed, and cached it again.
        cache.set(SessionStore.cache_key_prefix + key, {"_auth_user_id": str(alice.pk)})

    assert not SessionStore().exists(key)
    assert SessionStore(key).load() == {}
