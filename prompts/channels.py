"""Ways a prompt reaches a person beyond the inbox and email, added by apps above prompts.

prompts sits below the apps that deliver elsewhere (reach/ pushes to devices), so it never imports
them: each registers a channel here when it starts (AppConfig.ready), and prompts asks the
channels who else is waiting for a prompt and hands them the prompt ids, as it does to email.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Channel:
    # The ids among the given user ids that this channel reaches, as a subquery (no query).
    reaches: Callable
    # Hands prompt ids on (a Celery task's delay): ids only, never words.
    hand_on: Callable[[list[int]], object]


_channels: dict[str, Channel] = {}


def register(name: str, *, reaches: Callable, hand_on: Callable) -> None:
    _channels[name] = Channel(reaches=reaches, hand_on=hand_on)


def reached_elsewhere(user_ids) -> Q:
    """A filter on prompts whose person some channel reaches; matches nothing without channels."""
    condition = Q(pk__in=[])
    for channel in _channels.values():
        condition |= Q(user_id__in=channel.reaches(user_ids))
    return condition


def hand_on(prompt_ids: list[int]) -> None:
    for channel in _channels.values():
        channel.hand_on(prompt_ids)
