"""Reactions to things other apps announce. Each one only hands over to prompts' own functions."""

from .preferences import preferences_for


def create_preferences(sender, request, user, **kwargs) -> None:
    preferences_for(user)


def prompt_about_share(sender, recipient_id: int, key: str, **kwargs) -> None:
    from .models import Kind
    from .tasks import send_event_prompt

    send_event_prompt.delay(recipient_id, Kind.SHARED, key)


def prompt_about_card(
    sender, from_id: int, recipient_id: int, key: str, **kwargs
) -> None:
    from .cards import deliver_card
    from .tasks import send_prompt_emails

    # In the inbox at once, without the broker; only the email waits for a worker.
    prompt_id = deliver_card(from_id=from_id, recipient_id=recipient_id, key=key)
    if prompt_id:
        send_prompt_emails.delay([prompt_id])
