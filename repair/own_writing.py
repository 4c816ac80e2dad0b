"""Where a person's own repair writing is once they are out of a couple (never joined, left, or the
partner deleted their account). Read by owner only: never a word of anyone else's, no shared
reflection of a former partner, no letter or answer they wrote."""

from repair import letters
from repair import questions as questions_domain
from repair.models import Reflection


def own_writing(user) -> dict:
    letter = letters.own_writing(user)
    box = questions_domain.own_writing(user)
    return {
        "has_letter": bool(letter["my_letters"]),
        "has_letter_answers": bool(letter["my_responses"]),
        "has_question_writing": any(box.values()),
        "my_reflections": list(
            Reflection.objects.filter(author=user)
            .select_related("session__exercise")
            .order_by("-written_at")
        ),
    }


def described(user) -> str:
    """The person's own repair writing in a few words ("your answers to a letter and your
    reflections"), or "" when there is none, so nobody is sent to look for what isn't there."""
    writing = own_writing(user)
    parts = [
        words
        for present, words in (
            (writing["has_letter"], "your letter"),
            (writing["has_letter_answers"], "your answers to a letter"),
            (writing["has_question_writing"], "your questions and answers"),
            (writing["my_reflections"], "your reflections after exercises"),
        )
        if present
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""
