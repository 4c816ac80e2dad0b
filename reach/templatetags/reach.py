from django import template
from django.conf import settings

from reach import push
from reach.models import Device

register = template.Library()


@register.inclusion_tag("reach/devices.html", takes_context=True)
def push_devices(context):
    """The Reminders page's list of this person's devices, and the switch for this one (one query)."""
    request = context["request"]
    return {
        "enabled": push.enabled(),
        "public_key": settings.VAPID_PUBLIC_KEY,
        "devices": list(
            Device.objects.filter(user=request.user).only("code", "label", "created_at")
        ),
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }
