from django import template

from checkins.forms import SESSION_LIGHTS
from checkins.session_lights import RoomLights, current_lights

register = template.Library()


@register.simple_tag
def room_lights(session, me) -> RoomLights:
    """Both partners' chosen lights, read once for the whole room (``{% room_lights … as lights %}``)."""
    return current_lights(session, me)


@register.inclusion_tag("checkins/session_lights.html", takes_context=True)
def session_lights(context, session, me, other, lights=None):
    """The traffic-light controls and both partners' current lights, for the session room."""
    return {
        "session": session,
        "lights": lights if lights is not None else current_lights(session, me),
        "me": me,
        "other": other,
        "choices": SESSION_LIGHTS,
        "csrf_token": context.get("csrf_token"),
    }
