"""A private safety check, and quiet mode: what Mend offers changes, privately, when it isn't safe.

Each partner may answer a few questions about fear, harm, sexual pressure and control (and, for a
partner who broke trust, whether the affair or contact has ended). The answers are sealed in the
person's own ``SafetyCheck`` row and read only by their own views: never by the partner, a
therapist or staff, and never in the partner's export.

A worrying answer shows the person where help is, and offers quiet mode. Quiet mode is an ordinary
pause (couples.pause) started by that person, whose code is remembered inside their sealed row.
Everything the pause closes for the couple, it closes; to the partner it *is* an ordinary pause,
so their pages cannot differ. Only the person can end it, as only they can end their pause.
"""

import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import pause as pausing
from .models import Membership, Pause, Role, SafetyCheck

NO, SOMETIMES, YES, RATHER_NOT_SAY = "no", "sometimes", "yes", "rather-not-say"
ENDED, NOT_FULLY, NOT_ENDED = "ended", "not-fully", "not-ended"

ABOUT_PARTNER = [
    (NO, "No"),
    (SOMETIMES, "Sometimes"),
    (YES, "Yes"),
    (RATHER_NOT_SAY, "I'd rather not say"),
]


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str
    choices: list[tuple[str, str]]
    worrying: frozenset[str]
    roles: frozenset[str] = frozenset(Role.values)

    def asked_of(self, membership: Membership) -> bool:
        return membership.role in self.roles


QUESTIONS = [
    Question(
        "fear",
        "Are you ever afraid of your partner, or of how they might react?",
        "Afraid to disagree, to say no, or to tell them something.",
        ABOUT_PARTNER,
        frozenset({SOMETIMES, YES}),
    ),
    Question(
        "harm",
        "Has your partner hurt you, or threatened to hurt you?",
        "Pushing, grabbing or hitting counts, and so do threats against you, someone you love, "
        "a pet, or themselves.",
        ABOUT_PARTNER,
        frozenset({SOMETIMES, YES}),
    ),
    Question(
        "pressure",
        "Has your partner pressured you into sexual things you didn't want?",
        "Through guilt, sulking, insisting, or making it hard to say no.",
        ABOUT_PARTNER,
        frozenset({SOMETIMES, YES}),
    ),
    Question(
        "control",
        "Does your partner watch or control your phone, your money, or where you go?",
        "Checking your messages or location without asking, keeping money from you, "
        "deciding who you can see.",
        ABOUT_PARTNER,
        frozenset({SOMETIMES, YES}),
    ),
    Question(
        "ended",
        "Has the affair or contact with the other person ended?",
        "Only you see this answer.",
        [
            (ENDED, "Yes, it has ended"),
            (NOT_FULLY, "Not completely"),
            (NOT_ENDED, "No, not yet"),
            (RATHER_NOT_SAY, "I'd rather not say"),
        ],
        frozenset({NOT_FULLY, NOT_ENDED}),
        roles=frozenset({Role.INVOLVED, Role.MUTUAL}),
    ),
]


def questions_for(membership: Membership) -> list[Question]:
    return [q for q in QUESTIONS if q.asked_of(membership)]


def _check_of(membership: Membership) -> SafetyCheck | None:
    return SafetyCheck.objects.filter(
        couple_id=membership.couple_id, user_id=membership.user_id
    ).first()


def _contents(check: SafetyCheck | None) -> dict:
    if check is None or not check.sealed:
        return {}
    return json.loads(check.sealed)


def answers_of(membership: Membership) -> dict[str, str]:
    """The person's own answers in this couple, by question key: for their eyes only."""
    return _contents(_check_of(membership)).get("answers") or {}


def worries(membership: Membership, answers: dict[str, str]) -> list[str]:
    """The keys of the questions whose answers suggest that couples work should wait."""
    return [
        q.key for q in questions_for(membership) if answers.get(q.key) in q.worrying
    ]


def _write(membership: Membership, change: dict) -> SafetyCheck:
    """Merges ``change`` into the person's sealed contents, creating their row if need be."""
    check = (
        SafetyCheck.objects.select_for_update()
        .filter(couple_id=membership.couple_id, user_id=membership.user_id)
        .first()
    )
    if check is None:
        try:
            with transaction.atomic():
                check = SafetyCheck.objects.create(
                    couple_id=membership.couple_id, user_id=membership.user_id
                )
        except IntegrityError:  # a second tab made it a moment ago
            check = SafetyCheck.objects.select_for_update().get(
                couple_id=membership.couple_id, user_id=membership.user_id
            )
    contents = _contents(check) | change
    check.sealed = json.dumps(contents, sort_keys=True)
    check.save(update_fields=["sealed"])
    return check


@transaction.atomic
def save_answers(*, membership: Membership, answers: dict[str, str]) -> SafetyCheck:
    asked = {
        q.key: {value for value, _ in q.choices} for q in questions_for(membership)
    }
    kept = {key: answers[key] for key in asked if answers.get(key) in asked[key]}
    return _write(
        membership,
        {
            "answers": kept,
            "answered_at": timezone.now().isoformat(),
            "set_aside": False,
        },
    )


@transaction.atomic
def set_aside(*, membership: Membership) -> SafetyCheck:
    """ "Not now": the offer on Today goes away; the check stays on the Safety page."""
    return _write(membership, {"set_aside": True})


def quiet_pause(membership: Membership) -> Pause | None:
    """The person's open pause, if it is their quiet mode. Only their own views may ask."""
    code = _contents(_check_of(membership)).get("quiet_pause")
    current = pausing.open_pause_for(membership)
    if code and current and str(current.code) == code:
        return current
    return None


@transaction.atomic
def turn_on_quiet_mode(*, membership: Membership) -> Pause:
    """Starts the person's pause (or keeps the one they have) and remembers, sealed, that it is
    quiet mode. Nothing else is written anywhere the partner, a therapist or staff could read."""
    pause = pausing.start_pause(membership=membership)
    _write(membership, {"quiet_pause": str(pause.code)})
    return pause


@transaction.atomic
def turn_off_quiet_mode(*, membership: Membership) -> bool:
    """Ends the person's own pause if it is their quiet mode. Nobody else's pause is touched, and
    an ordinary pause of theirs is left for its own "end my pause"."""
    if quiet_pause(membership) is None:
        return False
    _write(membership, {"quiet_pause": None})
    return pausing.end_pause(membership=membership)
