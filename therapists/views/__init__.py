"""The therapist's pages, one module per screen's worth, and the partners' answers to a therapist's
suggestion. Every couple page goes through ``_access.get_care_for_therapist``."""

from .cadence import cadence
from .couple import couple, export, journal_and_letter, journey_and_exercises
from .home import accept, dashboard, decline, register
from .notes import add_note, note_draft
from .prep import acknowledge_flag, prep
from .suggestions import set_aside, suggest, take_up

__all__ = [
    "accept",
    "acknowledge_flag",
    "add_note",
    "cadence",
    "couple",
    "dashboard",
    "decline",
    "export",
    "journal_and_letter",
    "journey_and_exercises",
    "note_draft",
    "prep",
    "register",
    "set_aside",
    "suggest",
    "take_up",
]
