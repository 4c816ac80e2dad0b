"""Prints a new pair of VAPID keys for Web Push, ready to paste into the environment."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_keys() -> tuple[str, str]:
    """(public, private): the public key as browsers take it (an uncompressed P-256 point), the
    private one as its 32-byte number, both base64url without padding."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(public), _b64url(
        key.private_numbers().private_value.to_bytes(32, "big")
    )


class Command(BaseCommand):
    help = (
        "Prints VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY for Web Push. Keep the private key as secret "
        "as SECRET_KEY; changing the keys later means each device has to turn notifications on again."
    )

    def handle(self, *args, **options):
        public, private = new_keys()
        self.stdout.write(f"VAPID_PUBLIC_KEY={public}\nVAPID_PRIVATE_KEY={private}\n")
