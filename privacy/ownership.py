"""What a person owns across Mend: every row they wrote, for export and for deletion.

GDPR Art. 20(4): an export carries the person's own rows only. Things only their partner wrote
stay out, even when the partner shared them; the person's replies to those things stay in.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from couples.pairing import leave_couple
from measures import exports as measure_exports
from repair.sessions import end_for_person
from steadying.honesty import permit_erasing_notes_of


@dataclass(frozen=True)
class Owned:
    model: str  # "app_label.ModelName"
    author: str  # the lookup from the model to the person who wrote the row
    title: str  # what the export calls these rows
    hidden: tuple[str, ...] = ()  # fields never exported: secrets, not data
    # A record both partners share: exported, but deleting the person only clears their pointer
    # (SET_NULL), so nothing the partner wrote about it goes with it.
    shared: bool = False


OWNED = [
    Owned("accounts.User", "pk", "Your account", ("password",)),
    Owned("account.EmailAddress", "user", "Email addresses"),
    Owned("mfa.Authenticator", "user", "Two-step sign-in methods", ("data",)),
    Owned("usersessions.UserSession", "user", "Signed-in devices", ("session_key",)),
    Owned("couples.Membership", "user", "Couple memberships"),
    Owned("couples.Invitation", "invited_by", "Invitations you sent", ("token",)),
    Owned("couples.Pause", "user", "Pauses"),
    Owned("couples.SafetyCheck", "user", "Your private safety check"),
    Owned("couples.TherapistGrant", "user", "What you let a therapist see"),
    Owned("checkins.CheckIn", "user", "Check-ins"),
    Owned("checkins.ConsentAnswer", "user", "Consent menu answers"),
    Owned("checkins.ConsentOptIn", "user", "Consent menu opt-ins"),
    Owned("checkins.SessionLight", "user", "Traffic lights during exercises"),
    Owned("journal.Entry", "author", "Journal entries"),
    Owned("journal.EntryTag", "entry__author", "Journal entry response tags"),
    Owned("journal.Draft", "author", "Journal drafts"),
    Owned("core.AutosavedText", "owner", "Writing kept as you typed, not yet saved"),
    Owned("journal.Acknowledgement", "author", "Acknowledgements you wrote"),
    Owned("measures.Response", "person", "Measures you answered, with their scores"),
    Owned(
        "measures.TrendShare", "person", "Measures whose trend you let your partner see"
    ),
    Owned("steadying.Card", "user", "Your card for hard moments"),
    Owned("steadying.FloodedMoment", "user", "Your private list of hard moments"),
    Owned("steadying.HardDate", "owner", "Dates that hurt, kept for you"),
    Owned("steadying.HonestyNote", "author", "Honesty notes you offered"),
    Owned("steadying.HonestyThanks", "reader", "Thank-yous you gave for honesty notes"),
    Owned("repair.PhaseProposal", "proposed_by", "Phase proposals"),
    Owned("repair.JourneyEvent", "by", "Journey steps you took"),
    Owned("repair.ExerciseDone", "user", "Exercises you marked done"),
    Owned(
        "repair.ExerciseSession",
        "inviter",
        "Exercise sessions you proposed",
        shared=True,
    ),
    Owned("repair.Reflection", "author", "Reflections"),
    Owned("repair.Letter", "author", "Accountability letters"),
    Owned("repair.LetterVersion", "letter__author", "Letter versions you sent"),
    Owned("repair.LetterResponse", "responder", "Responses to letters"),
    Owned("repair.Question", "asked_by", "Questions you asked"),
    Owned("repair.AnswerVersion", "author", "Answers you wrote"),
    Owned(
        "repair.StiTesting", "asked_by", "Testing you asked for before sexual exercises"
    ),
    Owned("repair.StiTestingDone", "user", "Your “done” for testing"),
    Owned("repair.Suggestion", "suggested_by", "Suggestions you made as a therapist"),
    Owned("prompts.Preferences", "user", "Reminder preferences"),
    Owned("prompts.Prompt", "user", "Prompts sent to you"),
    Owned("prompts.EmailOptOut", "user", "Email opt-outs"),
    # The push service's address and keys are secrets, not data: the device's name and dates are.
    Owned(
        "reach.Device",
        "user",
        "Devices that get notifications",
        ("endpoint", "p256dh", "auth"),
    ),
    Owned("therapists.TherapistProfile", "user", "Therapist profile"),
    Owned("therapists.TherapistNote", "therapist", "Notes you kept as a therapist"),
]

# Rows that point at a person without being theirs to export: written by staff, or a record of the
# couple rather than of the person. Deleting the person clears the pointer (SET_NULL) or the row.
NOT_OWNED = {
    ("repair.ExerciseVersion", "saved_by"): "content history written by staff",
    ("repair.ExerciseSession", "invitee"): "a session the partner proposed",
    ("repair.ExerciseSession", "awaiting"): "whose turn it is in a session",
    ("repair.ExerciseSession", "ended_by"): "who ended a session",
    ("couples.Invitation", "accepted_by"): "the partner's invitation",
    (
        "couples.CareTeamInvite",
        "therapist",
    ): "the couple's invitation, seen from the therapist",
    (
        "couples.CareTeamInvite",
        "invited_by",
    ): "the couple's care team, not one person's writing",
    ("admin.LogEntry", "user"): "staff actions in the admin",
    ("repair.Suggestion", "for_user"): "written by the couple's therapist",
    ("measures.Response", "flag_acknowledged_by"): "the therapist who saw a flag on it",
}


def owned_querysets(user):
    """(Owned, queryset of that person's rows) for every kind of row in OWNED that is installed."""
    for owned in OWNED:
        try:
            model = apps.get_model(owned.model)
        except (
            LookupError
        ):  # an optional app (allauth.mfa, usersessions) is not installed
            continue
        yield owned, model._default_manager.filter(**{owned.author: user.pk})


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return str(value)


def row_data(row, hidden=()) -> dict:
    return {
        field.attname: _plain(getattr(row, field.attname))
        for field in row._meta.concrete_fields
        if field.name not in hidden and field.attname not in hidden
    }


def export_for(user) -> dict:
    """Everything the person wrote, as plain JSON-ready data, grouped by kind."""
    sections = []
    for owned, queryset in owned_querysets(user):
        rows = [row_data(row, owned.hidden) for row in queryset.order_by("pk")]
        sections.append({"model": owned.model, "title": owned.title, "rows": rows})
    return {
        "format": "mend-export-1",
        "person": str(user.code),
        "notes": measure_exports.notes_for(user),
        "sections": sections,
    }


@transaction.atomic
def delete_account(*, user) -> None:
    """Deletes the person and every row they wrote. The couple ends first, the way leaving does,
    so the partner keeps their own writing and simply sees that the couple has ended. The
    partner's replies to what the person wrote (acknowledgements, answers to a letter, answers to
    questions) are the partner's: their link to the deleted row is SET_NULL, so they stay.
    A session the person is in ends first, on both screens, as it does when they sign out."""
    end_for_person(user=user)
    leave_couple(user=user)
    # The honesty log's trigger refuses every other deletion of a note.
    permit_erasing_notes_of(user)
    for owned, queryset in reversed(list(owned_querysets(user))):
        if not owned.shared:
            queryset.delete()
    user.delete()
