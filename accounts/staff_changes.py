"""Staff changes to a person's account: written down for them, and told to them by email.

Staff can't set anyone's password or email address (accounts/admin.py): a person resets their own
password by email, so nobody at Mend can sign in as them. What staff can still change (active,
staff status, name to show, time zone, groups) is recorded here and emailed to the person, so a
change they didn't ask for never goes unnoticed.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .models import StaffChange, User

logger = logging.getLogger(__name__)


def record(*, person: User, staff: User, labels: list[str]) -> StaffChange | None:
    if not labels:
        return None
    change = StaffChange.objects.create(
        person_id=person.pk,
        staff_id=staff.pk,
        staff_name=staff.get_full_name() or "A staff member",
        what=", ".join(labels)[:300],
    )
    tell(person=person, what=change.what)
    return change


def tell(*, person: User, what: str) -> None:
    """A plain email: nothing in it says what the service is for. A mail failure doesn't undo
    the record, which the person also sees when they sign in."""
    context = {"what": what}
    message = EmailMultiAlternatives(
        subject="A change was made to your account",
        body=render_to_string("account/email/staff_change.txt", context),
        to=[person.email],
    )
    try:
        message.send()
    except OSError as error:
        logger.warning("Couldn't email a staff change notice: %s", type(error).__name__)


def for_person(person: User):
    return StaffChange.objects.filter(person_id=person.pk)
