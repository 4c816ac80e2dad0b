"""The responses a person can name in their journal, each with its normalising note.

Each side of a betrayal has its own common responses. The partner who was hurt is offered theirs;
the partner who broke trust is offered theirs (shame, guilt, the urge to defend…); someone whose
role is "we both broke trust" is offered both. A word someone chose before stays readable on their
entries even if it is no longer offered to them.
"""

from dataclasses import dataclass

from django.db import models

from couples.models import Role


class ResponseTag(models.TextChoices):
    """Common responses after a betrayal. Each is human and makes sense; the notes say so."""

    # The partner who was hurt.
    SHUT_DOWN = "shut_down", "Shutting down, or feeling repulsed"
    FLASHBACKS = "flashbacks", "Flashbacks or intrusive images"
    PANIC_TEARS = "panic_tears", "Panic or tears"
    AVOIDANCE = "avoidance", "Avoiding things, or feeling far away"
    OVERCOMPENSATING = (
        "overcompensating",
        "Being sexual to keep my partner close when part of me doesn't want to",
    )
    PRESSURE = "pressure", "Feeling pressure to move on"
    ANGER = "anger", "Anger, sometimes out of nowhere"
    CHECKING = "checking", "Checking, or needing to know where my partner is"
    # The partner who broke trust.
    SHAME = "shame", "Shame"
    GUILT = "guilt", "Guilt"
    FEAR_OF_HARM = "fear_of_harm", "Fear of hurting my partner more"
    FEAR_UNWANTED = "fear_unwanted", "Fear of being unwanted"
    URGE_TO_DEFEND = "urge_to_defend", "The urge to defend or explain"
    NUMBNESS = "numbness", "Numbness, or feeling shut off"


RESPONSE_NOTES: dict[str, str] = {
    ResponseTag.SHUT_DOWN: (
        "When closeness has become linked with hurt, your body may pull away or recoil, sometimes "
        "before you've had a single thought about it. That is your nervous system trying to keep "
        "you safe. It isn't a sign that something is wrong with you, or that repair can't happen."
    ),
    ResponseTag.FLASHBACKS: (
        "Pictures and scenes that arrive uninvited are one of the most common parts of living "
        "through a betrayal. They usually come less often, and sting less, as safety slowly grows. "
        "Noticing them and giving them a name, as you are doing now, is part of how that happens."
    ),
    ResponseTag.PANIC_TEARS: (
        "A racing heart, shaky breath or tears out of nowhere are your body letting go of some of "
        "what it has been carrying. It will pass. Feet on the floor, a slower out-breath and a "
        "little time are enough for now."
    ),
    ResponseTag.AVOIDANCE: (
        "Steering clear of reminders, or feeling numb, foggy or far away, is one of the ways people "
        "get through something that is too much at once. It has been helping you cope. You can "
        "come back closer at your own pace."
    ),
    ResponseTag.OVERCOMPENSATING: (
        "Reaching for sex, or saying yes to it, to keep your partner close while part of you "
        "holds back is one of the most common responses after a betrayal. It comes from the fear "
        "of losing someone, and there is nothing shameful in it. You don't have to earn your "
        "place. Your own yes and your own no both matter here, and you can go at your own pace."
    ),
    ResponseTag.PRESSURE: (
        "Wanting this to be over, or feeling hurried along, makes sense: this kind of pain is "
        "exhausting. Healing after a betrayal takes the time it takes. Going at the pace that "
        "feels safe is not falling behind."
    ),
    ResponseTag.ANGER: (
        "Anger is one of the most natural responses to being betrayed. It can flare at small "
        "things, arrive days later, or sit beside love and sadness at the same time. It is telling "
        "you that something precious was harmed. You are allowed to feel all of it; what you do "
        "with it can be slower. Writing it here is one safe place for it to go."
    ),
    ResponseTag.CHECKING: (
        "Wanting to check a phone, a location or a story is what a mind does after it was caught "
        "off guard once: it scans so it won't be surprised again. It isn't a character flaw and "
        "it isn't paranoia. It usually eases as honesty becomes steady and predictable, and "
        "offering that openness without being asked is your partner's part. You don't have to "
        "hide needing it."
    ),
    ResponseTag.SHAME: (
        "Shame says “I am bad”, and it can hurt so much that people hide, go quiet or argue just "
        "to get out from under it. Feeling it doesn't mean you are beyond repair. It tends to "
        "shrink when it is spoken somewhere safe: your own therapist, a support group, a trusted "
        "friend. For now it is better carried there than handed to your partner to soothe."
    ),
    ResponseTag.GUILT: (
        "Guilt says “I did something that hurt someone”. Painful as it is, it points somewhere "
        "useful: towards owning what happened and doing things differently. It doesn't need you "
        "to punish yourself to count. Let it guide what you do today."
    ),
    ResponseTag.FEAR_OF_HARM: (
        "Being afraid of saying the wrong thing, or of making your partner's pain worse, shows you "
        "take the hurt seriously. It can also make people freeze or keep their distance. An "
        "imperfect “I'm here, and I'm listening” is usually kinder than silence, and when you get "
        "something wrong you can say so and try again."
    ),
    ResponseTag.FEAR_UNWANTED: (
        "Wondering whether your partner still wants you, or ever will, is a lonely place to be. "
        "Their distance is part of how they keep themselves safe, and the pace is set by their "
        "readiness. "
        "Nothing is decided today. Support of your own, outside the relationship, can help you "
        "wait without pressing them."
    ),
    ResponseTag.URGE_TO_DEFEND: (
        "The pull to explain, correct the details or say “but” is a very human reflex, and it "
        "usually comes from shame or fear rather than bad intent. Noticing it, as you are doing "
        "now, is the work. You can feel the urge and still choose to listen, and you can stop "
        "mid-sentence and say so."
    ),
    ResponseTag.NUMBNESS: (
        "Feeling flat, foggy or oddly calm when you expected to feel more can be the mind's way of "
        "getting through something overwhelming. It doesn't mean you don't care. Sleep, food and "
        "small steadying routines help feeling come back gradually. If it stays for weeks, talk "
        "it through with someone you trust or a therapist."
    ),
}


@dataclass(frozen=True)
class ResponseSet:
    heading: str
    help_text: str
    tags: tuple[str, ...]


AFTER_BEING_HURT = ResponseSet(
    heading="After being hurt",
    help_text="These are common after a betrayal. They are ways people protect themselves, "
    "not things to fix.",
    tags=(
        ResponseTag.SHUT_DOWN,
        ResponseTag.FLASHBACKS,
        ResponseTag.PANIC_TEARS,
        ResponseTag.AVOIDANCE,
        ResponseTag.OVERCOMPENSATING,
        ResponseTag.PRESSURE,
        ResponseTag.ANGER,
        ResponseTag.CHECKING,
    ),
)
AFTER_BREAKING_TRUST = ResponseSet(
    heading="After breaking trust",
    help_text="These are common when you are facing what you did. They are human responses: "
    "neither excuses nor verdicts on you.",
    tags=(
        ResponseTag.SHAME,
        ResponseTag.GUILT,
        ResponseTag.FEAR_OF_HARM,
        ResponseTag.FEAR_UNWANTED,
        ResponseTag.URGE_TO_DEFEND,
        ResponseTag.NUMBNESS,
    ),
)
ALL_SETS = (AFTER_BEING_HURT, AFTER_BREAKING_TRUST)
BOTH_SIDES_HELP = (
    "These are common after a betrayal, for the one who was hurt and the one who broke trust. "
    "You may recognise some from each side."
)


def sets_for(role: str | None) -> tuple[ResponseSet, ...]:
    """The responses offered to a person in this role. Someone outside a couple has no role to
    go by, so they are offered both sides rather than a guess."""
    if role == Role.INJURED:
        return (AFTER_BEING_HURT,)
    if role == Role.INVOLVED:
        return (AFTER_BREAKING_TRUST,)
    return ALL_SETS


def help_text_for(role: str | None) -> str:
    offered = sets_for(role)
    return offered[0].help_text if len(offered) == 1 else BOTH_SIDES_HELP


def offered_tags(role: str | None) -> list[str]:
    return [tag for response_set in sets_for(role) for tag in response_set.tags]
