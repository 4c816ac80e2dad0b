"""Signals about a couple that apps above may react to.

``something_shared(sender, recipient_id: int, key: str)`` is sent after the commit when one partner
shares something with the other: a journal entry, a letter, an answer. ``key`` names the event
("entry:<code>", "letter:<id>", "answer:<id>") and carries no words anyone wrote. prompts listens
and sends a discreet "something was shared with you".

``couple_started(sender, couple: Couple)`` is sent inside the transaction that forms a couple
(someone starts one, alone or to invite a partner). repair begins the couple's journey here, so no
page has to create it the first time someone looks.

``couple_ended(sender, couple_id: int, user_ids: list[int])`` is sent inside the transaction that
ends a couple (a partner left, or deleted their account); ``user_ids`` are both partners. Apps
that keep anything in the cache on the strength of someone's membership drop it here.
"""

from django.db import transaction
from django.dispatch import Signal

something_shared = Signal()
couple_started = Signal()
couple_ended = Signal()


def announce_shared(*, sender, recipient_id: int, key: str) -> None:
    transaction.on_commit(
        lambda: something_shared.send(sender=sender, recipient_id=recipient_id, key=key)
    )
