"""Reactions to things other apps announce. Each one only hands over to prompts' own functions."""

from .models import Kind
from .preferences import preferences_for


def create_preferences(sender, request, user, **kwargs) -> None:
    preferences_for(user)


def prompt_about_share(sender, recipient_id: int, key: str, **kwargs) -> None:
    _deliver_now(recipient_id, Kind.SHARED, key)


# What a key from repair.signals.needs_an_answer is about decides the prompt's kind (and words).
ANSWER_KINDS = {"session": Kind.INVITED, "move": Kind.ASKED, "question": Kind.ASKED}


def prompt_about_answer_needed(sender, recipient_id: int, key: str, **kwargs) -> None:
    kind = ANSWER_KINDS.get(
        key.partition(":")[0], Kind.SHARED
    )  # a letter, or its answer
    _deliver_now(recipient_id, kind, key)


def _deliver_now(recipient_id: int, kind: str, key: str) -> None:
    """In the inbox (and the badge) at once, without the broker; only the email and any push
    wait for a worker (and, if the broker is down, for the tick that retries pending emails)."""
    from core.tasks import enqueue

    from .events import deliver_event
    from .tasks import send_prompt_emails

    prompt_id = deliver_event(user_id=recipient_id, kind=kind, key=key)
    if prompt_id:
        enqueue(send_prompt_emails, [prompt_id])


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
