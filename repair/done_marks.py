"""A person's own mark that they have done an exercise, which they can take back. Only the person
an exercise is for marks it (``Exercise.is_for``; the views check it before calling here)."""

from django.db import transaction
from django.utils import timezone

from couples.models import Membership

from .models import Exercise, ExerciseDone


@transaction.atomic
def mark_done(*, membership: Membership, exercise: Exercise, done: bool) -> None:
    if done:
        ExerciseDone.objects.update_or_create(
            couple_id=membership.couple_id,
            user_id=membership.user_id,
            exercise=exercise,
            defaults={"done_at": timezone.now()},
        )
    else:
        ExerciseDone.objects.filter(
            couple_id=membership.couple_id,
            user_id=membership.user_id,
            exercise=exercise,
        ).delete()
