"""What each partner reflects after an exercise session they did together: how safe it felt and
what they noticed, kept private unless they share it."""

from django.db import transaction
from django.utils import timezone

from .models import ExerciseSession, Reflection, SessionStatus
from .sessions import SessionError, locked


@transaction.atomic
def save_reflection(
    *, session: ExerciseSession, user, safety: int, noticed: str, share: bool
) -> Reflection:
    session = locked(session)
    if session.status != SessionStatus.ENDED or session.started_at is None:
        raise SessionError("A reflection comes after a session you did together.")
    reflection = Reflection.objects.filter(session=session, author=user).first()
    if reflection is None:
        reflection = Reflection(session=session, author=user)
    reflection.safety = safety
    reflection.noticed = noticed
    reflection.written_at = timezone.now()
    if share and reflection.shared_at is None:
        reflection.shared_at = timezone.now()
    elif not share:
        reflection.shared_at = None
    reflection.save()
    return reflection


@transaction.atomic
def set_reflection_shared(*, reflection: Reflection, shared: bool) -> Reflection:
    reflection.shared_at = timezone.now() if shared else None
    reflection.save(update_fields=["shared_at"])
    return reflection
