"""Synthetic data at scale for benchmarks: couples with months of history, inserted in bulk.

    DJANGO_SETTINGS_MODULE=tests.bench.settings python manage.py seed_bench --couples 10000

Each couple: two partners, a journey, six months of daily check-ins for both, 200 journal entries
each (some shared, some tagged), ten finished sessions with reflections, and an inbox of prompts.
People are named bench-<n>-a@example.org / bench-<n>-b@example.org and have no usable password.
Safe to run again: it first removes earlier benchmark people.
"""

import datetime
import random
import time
import uuid

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from checkins.models import CheckIn
from core.bulk import copy_insert
from couples.models import Couple, Membership, Role
from journal.models import Entry, EntryTag, Mood, ResponseTag
from prompts.models import Kind, Preferences, Prompt
from repair.models import (
    Exercise,
    ExerciseSession,
    Journey,
    Phase,
    Reflection,
    SessionStatus,
)

CHUNK = 50  # couples per transaction
DAYS = 182
ENTRIES = 200
SESSIONS = 10
PROMPTS = 30
WORDS = [
    "today",
    "felt",
    "heavy",
    "but",
    "I",
    "kept",
    "going",
    "and",
    "noticed",
    "small",
    "kind",
    "moments",
    "between",
    "us",
    "while",
    "the",
    "evening",
    "was",
    "quiet",
    "and",
    "I",
    "wrote",
    "this",
    "down",
    "so",
    "I",
    "would",
    "remember",
    "how",
    "it",
    "actually",
    "felt",
    "rather",
    "than",
    "the",
    "story",
]


class Command(BaseCommand):
    help = "Seeds N benchmark couples with realistic history, fast (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--couples", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, couples: int, seed: int, **options):
        rng = random.Random(seed)
        started = time.perf_counter()
        if User.objects.filter(email__startswith="bench-").exists():
            self.stdout.write(
                "Removing earlier benchmark people first (this can take a while)…"
            )
            User.objects.filter(email__startswith="bench-").delete()
            Couple.objects.filter(memberships__isnull=True).delete()
        phases = list(Phase.objects.order_by("order"))
        together = list(Exercise.objects.filter(who="together", published=True))
        today = timezone.now().date()
        rows = 0
        for first in range(0, couples, CHUNK):
            with transaction.atomic():
                rows += self._chunk(
                    range(first, min(first + CHUNK, couples)),
                    rng,
                    phases,
                    together,
                    today,
                )
            if first and first % 1000 == 0:
                self.stdout.write(
                    f"  {first:,} couples, {rows:,} rows, {time.perf_counter() - started:.0f} s"
                )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE"
                )  # fresh statistics, or the planner guesses at millions of new rows
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {couples:,} couples ({rows:,} rows) in {seconds:.1f} s, {rows / seconds:,.0f} rows/s"
            )
        )

    def _chunk(self, numbers, rng, phases, together, today) -> int:
        now = timezone.now()
        people = User.objects.bulk_create(
            User(
                email=f"bench-{n}-{side}@example.org",
                display_name=f"{'Robin' if side == 'a' else 'Sam'} {n}",
                timezone="Europe/London",
                password="!",
            )
            for n in numbers
            for side in "ab"
        )
        couples = Couple.objects.bulk_create(Couple() for _ in numbers)
        pairs = [
            (couple, people[2 * i], people[2 * i + 1])
            for i, couple in enumerate(couples)
        ]
        Membership.objects.bulk_create(
            membership
            for couple, a, b in pairs
            for membership in (
                Membership(couple=couple, user=a, role=Role.INJURED),
                Membership(couple=couple, user=b, role=Role.INVOLVED),
            )
        )
        Journey.objects.bulk_create(
            Journey(couple=couple, phase=rng.choice(phases)) for couple, _, _ in pairs
        )
        Preferences.objects.bulk_create(
            Preferences(
                user=person,
                next_due_at=now + datetime.timedelta(hours=rng.randint(1, 24)),
                next_local_date=today + datetime.timedelta(days=1),
            )
            for person in people
        )

        checkins = [
            CheckIn(
                user=person,
                couple=couple,
                local_date=today - datetime.timedelta(days=day),
                light=rng.choices(["green", "yellow", "red"], weights=[5, 3, 1])[0],
                **{
                    name: rng.randint(1, 5)
                    for name in (
                        "safe",
                        "not_performing",
                        "can_say_no",
                        "can_say_yes",
                        "equal",
                    )
                },
            )
            for couple, a, b in pairs
            for person in (a, b)
            for day in range(DAYS)
        ]
        copy_insert(CheckIn, checkins)

        entries = []
        for couple, a, b in pairs:
            for person in (a, b):
                for n in range(ENTRIES):
                    shared = n % 10 == 0
                    written = today - datetime.timedelta(days=n % DAYS)
                    entries.append(
                        Entry(
                            author=person,
                            written_on=written,
                            body=" ".join(rng.choices(WORDS, k=rng.randint(40, 160))),
                            mood=rng.choice(Mood.values),
                            shared_in=couple if shared else None,
                            shared_with_partner_at=now if shared else None,
                        )
                    )
        copy_insert(Entry, entries)
        copy_insert(
            EntryTag,
            [
                EntryTag(entry=entry, tag=rng.choice(ResponseTag.values))
                for entry in entries[::4]
            ],
        )

        sessions = [
            ExerciseSession(
                couple=couple,
                exercise=rng.choice(together),
                inviter=a,
                invitee=b,
                status=SessionStatus.ENDED,
                started_at=now - datetime.timedelta(days=3 * n + 1),
                ended_at=now - datetime.timedelta(days=3 * n + 1),
                ended_by=a,
                end_reason=ExerciseSession.EndReason.PARTNER,
            )
            for couple, a, b in pairs
            for n in range(SESSIONS)
        ]
        copy_insert(ExerciseSession, sessions)
        reflections = [
            Reflection(
                session=session,
                author=author,
                safety=rng.randint(1, 5),
                noticed=" ".join(rng.choices(WORDS, k=12)),
                shared_at=now if rng.random() < 0.3 else None,
            )
            for session in sessions
            for author in (session.inviter, session.invitee)
        ]
        copy_insert(Reflection, reflections)

        prompts = [
            Prompt(
                user=person,
                kind=Kind.SHARED,
                key=f"bench:{uuid.uuid4()}",
                local_date=today - datetime.timedelta(days=n),
                counts_toward_daily_limit=False,
                text="Something new was shared with you.",
                link="/inbox/",
                read_at=now if n > 2 else None,
            )
            for person in people
            for n in range(PROMPTS)
        ]
        copy_insert(Prompt, prompts)
        return (
            len(people) * 2
            + len(couples) * 3
            + len(checkins)
            + len(entries)
            + len(entries) // 4
            + len(sessions)
            + len(reflections)
            + len(prompts)
        )
