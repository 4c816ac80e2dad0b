"""Signals about the couple's repair work that apps above may react to.

``needs_an_answer(sender, recipient_id: int, key: str)`` is sent after the commit when one partner
asks the other something that waits for their answer: an invitation to an exercise now, a
suggestion to move on to the next phase, a question in the question box, a letter sent or
answered. ``key`` names the event ("session:<code>", "move:<code>", "question:<id>",
"letter:<id>", "reply:<id>") and carries no words anyone wrote. prompts listens and puts a discreet
note in the person's inbox at once.
"""

from django.db import transaction
from django.dispatch import Signal

needs_an_answer = Signal()


def announce_needs_answer(*, sender, recipient_id: int, key: str) -> None:
    """Call inside the transaction that makes the event: nothing is sent if it rolls back."""
    transaction.on_commit(
        lambda: needs_an_answer.send(sender=sender, recipient_id=recipient_id, key=key)
    )


def on_session_saved(sender, instance, created: bool, **kwargs) -> None:
    """post_save of ExerciseSession: a new invitation waits for the invited partner's answer."""
    if created and instance.awaiting_id:
        announce_needs_answer(
            sender=sender,
            recipient_id=instance.awaiting_id,
            key=f"session:{instance.code}",
        )
