"""manage.py generate_vapid_keys: keys that pywebpush signs with and browsers accept."""

import io

from django.core.management import call_command
from py_vapid import Vapid

from .push_service import b64url_decode


def test_it_prints_a_matching_pair_of_keys_each_time_new():
    runs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("generate_vapid_keys", stdout=out)
        runs.append(dict(line.split("=", 1) for line in out.getvalue().split()))
    first, second = runs
    assert first["VAPID_PRIVATE_KEY"] != second["VAPID_PRIVATE_KEY"]
    public = b64url_decode(first["VAPID_PUBLIC_KEY"])
    assert len(public) == 65  # what PushManager.subscribe() takes
    assert public[0] == 4
    signer = Vapid.from_raw(first["VAPID_PRIVATE_KEY"].encode())
    headers = signer.sign(
        {"sub": "mailto:ops@example.org", "aud": "https://push.example"}
    )
    assert f"k={first['VAPID_PUBLIC_KEY']}" in headers["Authorization"]
