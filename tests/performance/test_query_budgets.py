"""Query budgets: each page costs a fixed number of queries, whether there are 1, 20 or 200 items.

Each test grows Alice and Bob's history to 1, then 20, then 200 items of everything (check-ins,
journal entries both ways, finished sessions with reflections, journey events, inbox prompts) and
measures the page after each step. The count must not move, and must stay within the page's budget.
Every signed-in request pays for the user, and for the login session unless it comes from the cache.
"""

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from checkins.models import SAFETY_FIELDS, CheckIn
from couples.access import active_membership
from journal.models import Entry, EntryTag, ResponseTag
from prompts.models import Kind, Prompt
from repair import journey, sessions
from repair import live as repair_live
from repair.models import (
    Exercise,
    ExerciseSession,
    JourneyEvent,
    Reflection,
    SessionStatus,
)
from tests.therapists.factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

SIZES = (1, 20, 200)

# The login session is read from the cache when Redis is configured (config/settings.py), and from
# the database otherwise: one more query on every signed-in page.
SESSION_QUERY = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1

# The exact count for each page besides the session: at or under R32's eight queries.
BUDGETS = {
    "home": 5,
    "repair index": 7,
    "exercise page": 5,
    "session room": 4,  # with both partners' chosen lights, read once
    "session live (changed)": 4,
    "session live (unchanged)": 0,
    "check-in": 6,  # with whether the consent menu is open, and the note kept as it was typed
    "check-in history": 3,
    "consent menu": 5,
    "journal list": 6,
    "shared list": 7,  # with what the person wrote back to entries they can no longer read
    "entry detail": 5,
    "inbox": 4,
    "settings hub": 3,  # with the changes staff made to the person's account
    "therapist dashboard": 8,
    "therapist couple page": 8,
}


def test_every_budget_is_within_eight_queries():
    assert max(BUDGETS.values()) <= 8


class History:
    """Alice and Bob's history, grown in steps by bulk inserts."""

    def __init__(self, alice, bob, couple):
        self.alice, self.bob, self.couple = alice, bob, couple
        self.size = 0
        self.exercise = (
            Exercise.objects.filter(
                who="together", published=True, phase__order=1
            ).first()
            or Exercise.objects.filter(published=True).first()
        )

    def grow_to(self, size: int) -> None:
        if size <= self.size:
            return
        now = timezone.now()
        today = now.date()
        fresh = range(self.size, size)
        people = (self.alice, self.bob)
        CheckIn.objects.bulk_create(
            CheckIn(
                user=person,
                couple=self.couple,
                local_date=today - datetime.timedelta(days=n + 1),
                light="green",
                **dict.fromkeys(SAFETY_FIELDS, 3),
            )
            for person in people
            for n in fresh
        )
        entries = Entry.objects.bulk_create(
            Entry(
                code=uuid.uuid4(),
                author=person,
                written_on=today - datetime.timedelta(days=n % 180),
                body=f"Entry {n}: we *talked* about the evening.",
                shared_in=self.couple if n % 2 == 0 else None,
                shared_with_partner_at=now if n % 2 == 0 else None,
            )
            for person in people
            for n in fresh
        )
        EntryTag.objects.bulk_create(
            EntryTag(entry=entry, tag=ResponseTag.values[0]) for entry in entries
        )
        finished = ExerciseSession.objects.bulk_create(
            ExerciseSession(
                couple=self.couple,
                exercise=self.exercise,
                inviter=self.alice,
                invitee=self.bob,
                status=SessionStatus.ENDED,
                started_at=now - datetime.timedelta(days=n + 1),
                ended_at=now - datetime.timedelta(days=n + 1),
                ended_by=self.alice,
                end_reason=ExerciseSession.EndReason.PARTNER,
            )
            for n in fresh
        )
        Reflection.objects.bulk_create(
            Reflection(
                session=session,
                author=author,
                safety=4,
                noticed="We slowed down.",
                shared_at=now,
            )
            for session in finished
            for author in people
        )
        phase = journey.journey_for(self.couple).phase
        JourneyEvent.objects.bulk_create(
            JourneyEvent(
                couple=self.couple, kind=JourneyEvent.Kind.STARTED, phase=phase
            )
            for _ in fresh
        )
        Prompt.objects.bulk_create(
            Prompt(
                user=person,
                kind=Kind.SHARED,
                key=f"budget:{uuid.uuid4()}",
                local_date=today - datetime.timedelta(days=n),
                counts_toward_daily_limit=False,
                text="Something new was shared with you.",
                link="/inbox/",
            )
            for person in people
            for n in fresh
        )
        self.size = size


def queries_for(client, path: str, headers: dict | None = None) -> int:
    client.get(path, headers=headers)  # the login session's first request saves it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code in {200, 304}, (path, response.status_code)
    return len(queries)


def assert_constant(client, history: History, pages: dict) -> None:
    """pages: name -> a function returning (path, headers). Measured after each growth step."""
    counts: dict[str, list[int]] = {name: [] for name in pages}
    for size in SIZES:
        history.grow_to(size)
        for name, path_for in pages.items():
            path, headers = path_for()
            counts[name].append(queries_for(client, path, headers))
    for name, found in counts.items():
        budget = BUDGETS[name] + SESSION_QUERY
        assert found == [budget] * len(SIZES), (name, found)


@pytest.fixture
def history(alice, bob, couple):
    return History(alice, bob, couple)


@pytest.fixture
def running_session(history, alice, bob):
    session = sessions.invite(
        membership=active_membership(alice), exercise=history.exercise
    )
    return sessions.accept(session=session, user=bob)


PARTNER_PAGES = {
    "home": "/",
    "repair index": "/repair/",
    "check-in": "/checkins/",
    "check-in history": "/checkins/history/",
    "consent menu": "/checkins/consent/",
    "journal list": "/journal/",
    "shared list": "/journal/shared/",
    "inbox": "/inbox/",
    "settings hub": "/settings/",
}


@pytest.mark.parametrize("page", PARTNER_PAGES)
def test_a_partners_page_costs_the_same_queries_however_much_history(
    client, alice, history, page
):
    client.force_login(alice)
    assert_constant(client, history, {page: lambda: (PARTNER_PAGES[page], None)})


def test_the_exercise_page_costs_the_same_queries(client, alice, history):
    client.force_login(alice)
    exercise = f"/repair/exercises/{history.exercise.code}/"
    assert_constant(client, history, {"exercise page": lambda: (exercise, None)})


def test_an_entry_costs_the_same_queries(client, alice, history):
    client.force_login(alice)

    def newest():
        entry = Entry.objects.filter(author=alice).order_by("-pk").first()
        return f"/journal/{entry.code}/", None

    assert_constant(client, history, {"entry detail": newest})


def test_the_session_room_costs_the_same_queries(
    client, alice, history, running_session
):
    client.force_login(alice)
    room = f"/repair/sessions/{running_session.code}/"
    assert_constant(client, history, {"session room": lambda: (room, None)})


def test_the_live_endpoint_costs_the_same_queries_changed_or_not(
    client, alice, history, running_session
):
    client.force_login(alice)
    live = f"/repair/sessions/{running_session.code}/live/"
    client.get(
        live
    )  # the first poll renders the room and confirms Alice is in the couple
    unchanged = {"If-None-Match": repair_live.current_etag(running_session.code)}
    assert_constant(
        client,
        history,
        {
            "session live (changed)": lambda: (live, None),
            "session live (unchanged)": lambda: (live, unchanged),
        },
    )


def test_the_therapist_pages_cost_the_same_queries(
    client, alice, bob, couple, theo, history
):
    make_therapist(theo)
    invite = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    couple_page = f"/therapist/couples/{invite.code}/"
    assert_constant(
        client,
        history,
        {
            "therapist dashboard": lambda: ("/therapist/", None),
            "therapist couple page": lambda: (couple_page, None),
        },
    )
