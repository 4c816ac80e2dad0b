"""Safety actions a person takes for themselves. None of them tells the partner anything."""

from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.db import transaction

from prompts.preferences import preferences_for
from reach.devices import remove_all_devices


def end_other_sessions(request) -> int:
    """Signs the person out everywhere except this browser, at once. Returns how many ended."""
    others = list(
        UserSession.objects.filter(user_id=request.user.pk).exclude(
            session_key=request.session.session_key
        )
    )
    get_usersessions_adapter().end_sessions(others)
    return len(others)


@transaction.atomic
def safety_reset(request) -> None:
    """Ends every other session, withdraws all therapist access, and stops reminder emails and
    notifications to every device."""
    from couples.care import revoke_all_grants_for

    user = request.user
    end_other_sessions(request)
    revoke_all_grants_for(user=user)
    remove_all_devices(user=user)
    preferences = preferences_for(user)
    if preferences.email:
        preferences.email = False
        preferences.save(update_fields=["email"])
