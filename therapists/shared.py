"""What a therapist may see of one couple: built only from the categories the partners chose.

``progress_for`` asks whether the therapist may look, with the one rule
(``CareTeamInvite.objects.with_access``), and in the same query reads both partners' live grants:
who they are and what each shares. The ``add_*`` functions then fill in one page's sections each.
A section nobody shared is never queried, so it cannot leak into a page or a fragment. Never read
here: unshared journal entries, check-in notes and feelings, private reflections, letter drafts,
consent-menu answers.

The couple's page is split in three (overview, journey and exercises, journal and letter) so each
costs a fixed handful of queries (R32); the printable summary adds all three.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery, Value
from django.db.models.aggregates import StringAgg

from checkins import trends
from checkins.consent import MutualItem, mutual_items
from couples.care import Sharing, sharing_from
from couples.models import CareTeamInvite, Membership, ShareCategory, TherapistGrant
from journal.models import Entry, ResponseTag
from repair.models import (
    Exercise,
    ExerciseDone,
    ExerciseSession,
    Journey,
    JourneyEvent,
    LetterResponse,
    LetterVersion,
    Reflection,
)
from steadying.flooding import histories_shared_with_therapist

LETTER_SECTIONS = [
    ("what_i_did", "What I did"),
    ("how_it_hurt", "How I understand it hurt you"),
    ("doing_now", "What I am doing now to make things safe"),
    ("will_keep_doing", "What I will keep doing"),
]

# The most recent items each list shows.
EVENTS, SESSIONS, DONE, REFLECTIONS, ENTRIES = 100, 30, 30, 50, 50
HARD_MOMENTS = 100


@dataclass
class PersonTrend:
    person: object
    weeks: list
    chart: dict


@dataclass
class SentLetter:
    author_name: str
    version: LetterVersion
    sections: list[tuple[str, str]]
    witnessed_at: object
    answer: str  # the latest answer's label, or "" if none yet
    answered_at: object


@dataclass
class SharedEntry:
    entry: Entry
    tags: list[str]


@dataclass
class SharedProgress:
    invite: CareTeamInvite
    partners: list  # both partners (users), in the order they joined the couple
    sharing: Sharing
    journey: Journey | None = None
    trends: list[PersonTrend] = field(default_factory=list)
    events: list[JourneyEvent] | None = None
    sessions: list[ExerciseSession] | None = None
    done: list[ExerciseDone] | None = None
    reflections: dict[int, list[Reflection]] = field(default_factory=dict)
    entries: dict[int, list[SharedEntry]] = field(default_factory=dict)
    hard_moments: dict[int, list] = field(default_factory=dict)
    letters: list[SentLetter] | None = None
    mutual: list[MutualItem] | None = None

    def name_of(self, user_id: int) -> str:
        for person in self.partners:
            if person.pk == user_id:
                return person.display_name
        return ""

    @property
    def names(self) -> str:
        return " and ".join(person.display_name for person in self.partners)

    @property
    def people(self) -> list[dict]:
        """Per partner, what they let the therapist see: for the page's per-person sections."""
        return [
            {
                "person": person,
                "shares_sessions": self.sharing.person_shares(
                    person.pk, ShareCategory.SESSIONS
                ),
                "shares_journal": self.sharing.person_shares(
                    person.pk, ShareCategory.JOURNAL
                ),
                "reflections": self.reflections.get(person.pk, []),
                "entries": self.entries.get(person.pk, []),
                "hard_moments": self.hard_moments.get(person.pk, []),
            }
            for person in self.partners
        ]

    @property
    def shares_anything(self) -> bool:
        return any(self.sharing.by_person.values())

    @property
    def shares_journey_or_exercises(self) -> bool:
        return self.sharing.both(ShareCategory.JOURNEY) or bool(
            self.sharing.people_sharing(ShareCategory.SESSIONS)
        )

    @property
    def shares_journal_or_letter(self) -> bool:
        return bool(
            self.sharing.people_sharing(ShareCategory.JOURNAL)
            or self.sharing.both(ShareCategory.LETTER)
            or self.sharing.both(ShareCategory.CONSENT_LIST)
        )


def progress_for(*, therapist, code) -> SharedProgress | None:
    """The couple behind the therapist's invitation with this code, as each partner shares it, if
    the therapist may see them right now; None otherwise. One query: the access rule, the
    invitation, both partners and their live grants."""
    allowed = CareTeamInvite.objects.with_access().filter(
        code=code, therapist_id=therapist.pk
    )
    joined = Membership.objects.active().filter(
        couple_id=OuterRef("invite__couple_id"), user_id=OuterRef("user_id")
    )
    grants = list(
        TherapistGrant.objects.active()
        .filter(invite__in=allowed.values("pk"))
        .annotate(joined_at=Subquery(joined.values("joined_at")[:1]))
        .filter(joined_at__isnull=False)  # only partners still in the couple
        .select_related("invite__couple", "user")
        .order_by("joined_at", "pk")
    )
    if not grants:
        return None
    return SharedProgress(
        invite=grants[0].invite,
        partners=[grant.user for grant in grants],
        sharing=sharing_from(grants),
    )


# The overview: where they are and their check-in trends ---------------------------------------


def add_journey(progress: SharedProgress) -> None:
    if progress.sharing.both(ShareCategory.JOURNEY):
        progress.journey = (
            Journey.objects.select_related("phase")
            .filter(couple_id=progress.invite.couple_id)
            .first()
        )


def add_overview(progress: SharedProgress) -> None:
    add_journey(progress)
    sharing_checkins = [
        person
        for person in progress.partners
        if progress.sharing.person_shares(person.pk, ShareCategory.CHECKINS)
    ]
    if sharing_checkins:
        weeks_of = trends.weekly_trends(sharing_checkins)
        progress.trends = [
            PersonTrend(
                person=person,
                weeks=weeks_of[person.pk],
                chart=trends.chart(weeks_of[person.pk]),
            )
            for person in sharing_checkins
        ]


# Their journey and exercises ----------------------------------------------------------------------


def add_journey_and_exercises(progress: SharedProgress) -> None:
    couple_id = progress.invite.couple_id
    sharing = progress.sharing
    if sharing.both(ShareCategory.JOURNEY):
        progress.events = list(
            JourneyEvent.objects.filter(couple_id=couple_id)
            .select_related("phase", "by")
            .order_by("-at", "-pk")[:EVENTS]
        )

    if sharing.both(ShareCategory.SESSIONS):
        progress.sessions = list(
            ExerciseSession.objects.filter(
                couple_id=couple_id, started_at__isnull=False
            )
            .select_related("exercise")
            .order_by("-started_at")[:SESSIONS]
        )
        progress.done = list(
            ExerciseDone.objects.filter(couple_id=couple_id)
            .select_related("exercise", "user")
            .order_by("-done_at")[:DONE]
        )

    reflecting = sharing.people_sharing(ShareCategory.SESSIONS)
    if reflecting:
        # Only reflections their author shared, and only by a partner who chose this category.
        for reflection in (
            Reflection.objects.filter(
                session__couple_id=couple_id,
                author_id__in=reflecting,
                shared_at__isnull=False,
            )
            .select_related("session__exercise")
            .order_by("-written_at")[:REFLECTIONS]
        ):
            progress.reflections.setdefault(reflection.author_id, []).append(reflection)


# Their journal, letter and consent list -----------------------------------------------------------


def add_journal_and_letter(progress: SharedProgress) -> None:
    couple_id = progress.invite.couple_id
    sharing = progress.sharing
    journaling = sharing.people_sharing(ShareCategory.JOURNAL)
    if journaling:
        for entry in (
            Entry.objects.filter(
                author_id__in=journaling,
                shared_in_id=couple_id,
                shared_with_therapist_at__isnull=False,
            )
            # Unordered: an aggregate's own ORDER BY needs SQLite 3.44, so the tags are put in the
            # order the entry form lists them here.
            .annotate(tag_list=StringAgg("tags__tag", Value(",")))
            .order_by("-written_on", "-created_at")[:ENTRIES]
        ):
            codes = set((entry.tag_list or "").split(","))
            progress.entries.setdefault(entry.author_id, []).append(
                SharedEntry(
                    entry=entry,
                    tags=[tag.label for tag in ResponseTag if tag in codes],
                )
            )
        # A private list of "I'm flooded" taps, shown by its owner like a journal entry.
        for moment in histories_shared_with_therapist(journaling, limit=HARD_MOMENTS):
            progress.hard_moments.setdefault(moment.user_id, []).append(moment)

    if sharing.both(ShareCategory.LETTER):
        # Each letter's newest sent version (never the draft) with its latest answer, if any.
        newest = LetterVersion.objects.filter(letter=OuterRef("letter")).order_by(
            "-number"
        )
        answers = LetterResponse.objects.filter(version=OuterRef("pk")).order_by("-at")
        progress.letters = [
            SentLetter(
                author_name=progress.name_of(version.letter.author_id),
                version=version,
                sections=[
                    (label, getattr(version, name)) for name, label in LETTER_SECTIONS
                ],
                witnessed_at=version.letter.witnessed_at,
                answer=LetterResponse.Kind(version.answer).label
                if version.answer
                else "",
                answered_at=version.answered_at,
            )
            for version in LetterVersion.objects.filter(
                letter__couple_id=couple_id,
                number=Subquery(newest.values("number")[:1]),
            )
            .select_related("letter")
            .annotate(
                answer=Subquery(answers.values("kind")[:1]),
                answered_at=Subquery(answers.values("at")[:1]),
            )
            .order_by("letter_id")
        ]

    if sharing.both(ShareCategory.CONSENT_LIST) and len(progress.partners) == 2:
        first, second = progress.partners
        progress.mutual = mutual_items(first_user_id=first.pk, second_user_id=second.pk)


def suggestable_exercises(progress: SharedProgress):
    """Exercises to offer: up to the couple's phase when they share it, otherwise the whole library
    (one from a later phase waits on their Repair page until they get there)."""
    exercises = Exercise.objects.published().select_related("phase")
    if progress.journey is not None:
        return exercises.available_up_to(progress.journey.phase)
    return exercises
