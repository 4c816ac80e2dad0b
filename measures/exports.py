"""What a person's export says about measures this install added under its own licence.

A measure staff add in the admin is local-only (models.Instrument.local_only): its questions are
licensed to this install, not part of Mend. A person's export carries their answers and scores for
it like any other, and says plainly that the questions themselves aren't in the file.
"""

from .models import Instrument, Response


def notes_for(user) -> list[str]:
    answered = Response.objects.filter(person=user).values("instrument_id")
    names = Instrument.objects.filter(local_only=True, pk__in=answered).values_list(
        "name", flat=True
    )
    return [
        f"Your answers to “{name}” are included. Its questions are licensed to this service "
        "only, so they aren't in this export, and another service may not be able to show them."
        for name in names.order_by("name")
    ]
