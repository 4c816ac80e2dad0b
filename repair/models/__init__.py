"""Repair's models, one module per feature: the content library, the couple's journey, exercise
sessions, the accountability letter, the question box, therapists' suggestions and testing."""

from .content import (
    PAUSABLE_KINDS,
    TOOL_MENTIONS,
    Exercise,
    ExerciseQuerySet,
    ExerciseVersion,
    Kind,
    Phase,
    Who,
)
from .journey import ExerciseDone, Journey, JourneyEvent, PhaseProposal
from .letter import Letter, LetterResponse, LetterVersion
from .questions import AnswerVersion, Question
from .sessions import (
    OPEN_STATUSES,
    ExerciseSession,
    Reflection,
    SessionQuerySet,
    SessionStatus,
)
from .suggestions import Suggestion
from .testing import StiTesting, StiTestingDone

__all__ = [
    "Phase",
    "Who",
    "Kind",
    "PAUSABLE_KINDS",
    "ExerciseQuerySet",
    "TOOL_MENTIONS",
    "Exercise",
    "ExerciseVersion",
    "Journey",
    "PhaseProposal",
    "JourneyEvent",
    "ExerciseDone",
    "SessionStatus",
    "OPEN_STATUSES",
    "SessionQuerySet",
    "ExerciseSession",
    "Reflection",
    "Letter",
    "LetterVersion",
    "LetterResponse",
    "Question",
    "AnswerVersion",
    "Suggestion",
    "StiTesting",
    "StiTestingDone",
]
