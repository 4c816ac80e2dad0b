"""What a person sees after their couple ends and they did not end it themselves.

Leaving ends the couple for both at once (pairing.leave_couple). The person who was left finds, on
their next visit home, a calm word instead of a bare start page: what ended, that their own writing
is still theirs and where, and where to turn tonight. It stays until they put it away, for at most
a month. The person who left has already seen what happened, so leaving puts it away for them.
"""

import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import Membership

SHOWN_FOR = datetime.timedelta(days=30)


def recent_ending(user) -> Membership | None:
    """The person's couple that ended within the month and that they haven't put away, with the
    other person's display name as `partner_name` (None if their account is gone). One query."""
    partner_name = Membership.objects.filter(couple_id=OuterRef("couple_id")).exclude(
        user_id=user.pk
    )
    return (
        Membership.objects.filter(
            user=user,
            left_at__gte=timezone.now() - SHOWN_FOR,
            ending_put_away_at__isnull=True,
        )
        .annotate(partner_name=Subquery(partner_name.values("user__display_name")[:1]))
        .order_by("-left_at")
        .first()
    )


def put_away(user) -> None:
    Membership.objects.filter(
        user=user, left_at__isnull=False, ending_put_away_at__isnull=True
    ).update(ending_put_away_at=timezone.now())
