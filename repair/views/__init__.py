"""Repair views, one module per screen's worth of the feature: parse, authorise through the
couple's membership, call the domain, render."""

from .exercises import (
    exercise_detail,
    exercise_done,
    invite,
)
from .letter import (
    letter,
    letter_draft,
    letter_respond,
    letter_response_draft,
    letter_send,
)
from .overview import (
    confirm_advance,
    decline_advance,
    history,
    index,
    propose_advance,
    step_back,
    withdraw_advance,
)
from .questions import (
    question_answer,
    question_answer_draft,
    question_ask,
    question_box,
    question_bring_up,
    question_settle,
)
from .sessions import (
    reflection,
    reflection_draft,
    session_answer,
    session_end,
    session_live,
    session_room,
    session_withdraw,
)
from .testing_step import (
    testing_ask,
    testing_done,
    testing_page,
    testing_withdraw,
)

__all__ = [
    "index",
    "history",
    "propose_advance",
    "confirm_advance",
    "decline_advance",
    "withdraw_advance",
    "step_back",
    "exercise_detail",
    "exercise_done",
    "invite",
    "testing_page",
    "testing_ask",
    "testing_withdraw",
    "testing_done",
    "session_room",
    "session_live",
    "session_answer",
    "session_withdraw",
    "session_end",
    "reflection",
    "reflection_draft",
    "letter",
    "letter_draft",
    "letter_send",
    "letter_respond",
    "letter_response_draft",
    "question_box",
    "question_ask",
    "question_bring_up",
    "question_answer",
    "question_answer_draft",
    "question_settle",
]
