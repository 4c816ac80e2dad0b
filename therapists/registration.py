"""Becoming a therapist in Mend: a profile that waits for an admin's approval."""

from django.db import transaction

from .models import TherapistProfile


class RegistrationError(Exception):
    """A registration that can't happen; the message is fit to show."""


@transaction.atomic
def register_therapist(
    *, user, name: str, practice: str, registration: str
) -> TherapistProfile:
    if TherapistProfile.objects.filter(user=user).exists():
        raise RegistrationError("You have already registered as a therapist.")
    user.display_name = name
    user.save(update_fields=["display_name"])
    return TherapistProfile.objects.create(
        user=user, practice=practice, registration=registration
    )
