"""Reactions to things other apps announce. Each one only hands over to prompts' own functions."""

from .preferences import preferences_for


def create_preferences(sender, request, user, **kwargs) -> None:
    preferences_for(user)


def prompt_about_share(sender, recipient_id: int, key: str, **kwargs) -> None:
    from core.tasks import enqueue

    from .models import Kind
    from .tasks import send_event_prompt

    if not enqueue(send_event_prompt, recipient_id, Kind.SHARED, key):
        from .sending import deliver_event

        # The broker is down: the nudge goes into the inbox now, and the tick sends its email
        # (if the person asked for emails) once the broker is back.
        deliver_event(user_id=recipient_id, kind=Kind.SHARED, key=key)


def prompt_about_card(
    sender, from_id: int, recipient_id: int, key: str, **kwargs
) -> None:
    from core.tasks import enqueue

    from .cards import deliver_card
    from .tasks import send_prompt_emails

    # In the inbox at once, without the broker; only the email waits for a worker (and, if the
    # broker is down, for the tick that retries pending emails).
    prompt_id = deliver_card(from_id=from_id, recipient_id=recipient_id, key=key)
    if prompt_id:
        enqueue(send_prompt_emails, [prompt_id])
