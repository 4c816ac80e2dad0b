import pytest
import time_machine

from tests.security.test_r31_task_messages import broker  # noqa: F401

from .push_service import NOON, PushService, VapidKeys


@pytest.fixture
def vapid(settings):
    """Push switched on, with keys of this test's own."""
    keys = VapidKeys()
    settings.VAPID_PRIVATE_KEY = keys.private_b64
    settings.VAPID_PUBLIC_KEY = keys.public_b64
    settings.VAPID_SUBJECT = "mailto:ops@example.org"
    return keys


@pytest.fixture
def service():
    with PushService() as running:
        yield running


@pytest.fixture
def noon():
    """Noon in London, outside the default quiet hours (22:00 to 08:00), whatever the real clock says."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller
