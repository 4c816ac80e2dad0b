"""A person's devices that asked for notifications: adding one, listing, letting one go.

prompts.sending asks `owners()` which of a batch of people have a device, so that their prompts
are handed on for a push even when they get no email. That is the only thing below reach that
knows about it.
"""

import base64
import binascii
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from .models import Device

# Enough for a phone, a tablet, a laptop and a few old browsers; a cap keeps a loop from piling up rows.
MAX_DEVICES = 10


def owners(user_ids):
    """The ids among `user_ids` with at least one device, as a subquery (no query of its own)."""
    return Device.objects.filter(user_id__in=user_ids).values("user_id")


def _b64url(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def valid_subscription(endpoint: str, p256dh: str, auth: str) -> bool:
    """A subscription as a browser's PushManager gives it, from a push service we send to.

    Only known push services' hosts are accepted: Mend posts to whatever endpoint it stores, so an
    address on the operator's own network must never get in (server-side request forgery).
    """
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    if not any(
        host == allowed or host.endswith("." + allowed)
        for allowed in settings.PUSH_SERVICE_HOSTS
    ):
        return False
    key = _b64url(p256dh)
    secret = _b64url(auth)
    return (
        key is not None
        and len(key) == 65
        and key[0] == 4
        and secret is not None
        and len(secret) == 16
    )


_BROWSERS = [
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
]


def label_for(user_agent: str) -> str:
    """ "Firefox on Android": enough for a person to tell their devices apart, and nothing more."""
    browser = next(
        (name for token, name in _BROWSERS if re.search(token, user_agent)), None
    )
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "A browser"


def add_device(*, user, endpoint: str, p256dh: str, auth: str, user_agent: str):
    """Keeps this browser's subscription for `user`. The same endpoint again is the same device;
    one that belonged to someone else (a shared computer) now belongs to whoever subscribed last,
    since only they can be signed in on it. Returns the device, or None past MAX_DEVICES."""
    with transaction.atomic():
        device = Device.objects.select_for_update().filter(endpoint=endpoint).first()
        if device is None:
            if Device.objects.filter(user=user).count() >= MAX_DEVICES:
                return None
            device = Device(endpoint=endpoint)
        device.user = user
        device.p256dh = p256dh
        device.auth = auth
        device.label = label_for(user_agent)
        device.failures = 0
        device.save()
    return device


def remove_device(device: Device) -> None:
    device.delete()


def remove_all_devices(*, user) -> int:
    """The safety reset: no notification goes on to a device someone else may now hold."""
    return Device.objects.filter(user=user).delete()[0]
