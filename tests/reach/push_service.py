"""A push service on localhost for tests: it receives the real encrypted request Mend sends, and
answers with whatever status the test asks for. The test then decrypts the body with the keys of
the browser it pretended to be (RFC 8291), as a browser would."""

import base64
import datetime
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

NOON = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
NEUTRAL = {"title": "Notes", "body": "There's something new for you."}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


@dataclass
class VapidKeys:
    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    @property
    def private_b64(self) -> str:
        return b64url(self.private.private_numbers().private_value.to_bytes(32, "big"))

    @property
    def public_b64(self) -> str:
        return b64url(public_point(self.private))


@dataclass
class Browser:
    """The keys a browser makes for one subscription: a P-256 pair and a 16-byte secret."""

    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(public_point(self.private))

    @property
    def auth(self) -> str:
        return b64url(self.secret)

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private, auth_secret=self.secret, version="aes128gcm"
        )
        return json.loads(plain)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class PushService:
    def __init__(self):
        self.received: list[Received] = []
        self.answers: list[int] = []  # statuses to answer with, in order; then 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                service.received.append(
                    Received(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, body
                    )
                )
                status = service.answers.pop(0) if service.answers else 201
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def endpoint(self, name: str) -> str:
        return f"{self.origin}/push/{name}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def add_phone(user, service: PushService, name: str = "phone"):
    """A device of `user` subscribed through the test push service: (device, its browser keys)."""
    from reach.models import Device

    browser = Browser()
    device = Device.objects.create(
        user=user,
        endpoint=service.endpoint(name),
        p256dh=browser.p256dh,
        auth=browser.auth,
        label="Firefox on Android",
    )
    return device, browser
