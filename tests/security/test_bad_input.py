"""Bad input (issue 8): every main form, fed random Unicode, huge fields, missing fields, wrong
types and missing or replayed CSRF tokens, answers without a server error, says what is wrong,
and saves nothing when it refuses."""

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkins.consent import opt_in
from checkins.models import CheckIn, ConsentAnswer, ConsentItem
from couples import pairing
from couples import pause as pausing
from couples.access import active_membership
from couples.models import CareTeamInvite, Invitation, Pause, TherapistGrant
from journal import sharing
from journal.models import Acknowledgement, Draft, Entry, EntryTag
from prompts.models import Preferences
from prompts.preferences import preferences_for
from repair import letters, questions
from repair.models import AnswerVersion, Letter, LetterVersion, Question
from tests.accounts.factories import PASSWORD, UserFactory
from tests.couples.factories import pair
from tests.therapists.factories import make_therapist
from therapists.models import TherapistProfile

pytestmark = pytest.mark.django_db

HUGE = 200_000
ENTRY_FIELDS = [
    "written_on",
    "body",
    "feelings",
    "mood",
    "tags",
    "draft",
    "revision",
    "window",
]


@dataclass
class Target:
    actor: str
    url: Callable[[dict], str]
    fields: list[str]
    # Rows and values that a refused request must leave exactly as they were.
    state: Callable[[dict], object]
    htmx: bool = True
    # Run inside each example's transaction, before the request.
    setup: Callable[[dict], None] = lambda world: None
    # Sent as they are with every example: what names the thing the bad input is about.
    fixed: Callable[[dict], dict] = lambda world: {}


def rows(*models) -> Callable[[dict], tuple]:
    return lambda world: tuple(m.objects.count() for m in models)


def entry_state(world) -> tuple:
    entry = Entry.objects.get(pk=world["entry"].pk)
    return (
        Entry.objects.count(),
        Draft.objects.count(),
        EntryTag.objects.count(),
        entry.body,
        entry.written_on,
    )


def letter_sent_state(world) -> tuple:
    """A refused send keeps what was typed as the draft (on purpose), but only text the form
    accepts: never a huge or unreadable section, and no new version."""
    letter = Letter.objects.get(pk=world["letter"].pk)
    sections = [getattr(letter, s) for s in Letter.SECTIONS]
    return (
        LetterVersion.objects.count(),
        all(len(s) <= 20000 and "\x00" not in s for s in sections),
    )


def letter_state(world) -> tuple:
    letter = Letter.objects.get(pk=world["letter"].pk)
    return (
        LetterVersion.objects.count(),
        *(getattr(letter, s) for s in Letter.SECTIONS),
    )


def preferences_state(world) -> tuple:
    p = Preferences.objects.get(user=world["alice"])
    return (p.frequency, p.prompt_hour, p.quiet_start, p.quiet_end, p.email, p.discreet)


SECTIONS = list(Letter.SECTIONS)
SHARES = [
    f"share_{c}"
    for c in ("journey", "sessions", "checkins", "journal", "letter", "consent_list")
]

TARGETS = {
    "check-in": Target(
        "alice",
        lambda w: reverse("checkins:today"),
        [
            "light",
            "safe",
            "not_performing",
            "can_say_no",
            "can_say_yes",
            "equal",
            "feelings",
            "note",
            "note_shared",
        ],
        rows(CheckIn),
    ),
    "journal entry new": Target(
        "alice", lambda w: reverse("journal:new"), ENTRY_FIELDS, entry_state
    ),
    "journal entry edit": Target(
        "alice",
        lambda w: reverse("journal:edit", args=[w["entry"].code]),
        ENTRY_FIELDS,
        entry_state,
    ),
    "journal autosave": Target(
        "alice", lambda w: reverse("journal:autosave"), ENTRY_FIELDS, entry_state
    ),
    "journal autosave edit": Target(
        "alice",
        lambda w: reverse("journal:autosave_edit", args=[w["entry"].code]),
        ENTRY_FIELDS,
        entry_state,
    ),
    "couple invitation": Target(
        "erin",
        lambda w: reverse("couples:invite", args=[w["erins"].code]),
        ["email"],
        rows(Invitation),
    ),
    "pause note": Target(
        "alice",
        lambda w: reverse("couples:pause_note"),
        ["note"],
        lambda w: [(p.pk, p.note) for p in Pause.objects.order_by("pk")],
        setup=lambda w: pausing.start_pause(membership=active_membership(w["alice"])),
    ),
    "reminder preferences": Target(
        "alice",
        lambda w: reverse("prompts:preferences"),
        [
            "timezone",
            "frequency",
            "prompt_hour",
            "quiet_start",
            "quiet_end",
            "email",
            "discreet",
        ],
        preferences_state,
    ),
    "consent answer": Target(
        "alice",
        lambda w: reverse("checkins:consent_answer"),
        [],  # each field's name carries the item's slug: filled in below
        rows(ConsentAnswer),
        fixed=lambda w: {"item": w["item"].slug},
    ),
    "care invite": Target(
        "alice",
        lambda w: reverse("couples:care"),
        ["email", *SHARES, "until"],
        rows(CareTeamInvite, TherapistGrant),
    ),
    "therapist register": Target(
        "newcomer",
        lambda w: reverse("therapists:register"),
        ["name", "practice", "registration"],
        rows(TherapistProfile),
    ),
    "acknowledgement": Target(
        "bob",
        lambda w: reverse("journal:shared_entry", args=[w["shared"].code]),
        ["what_i_hear", "makes_sense", "message"],
        rows(Acknowledgement),
    ),
    "letter draft": Target(
        "bob", lambda w: reverse("repair:letter_draft"), SECTIONS, letter_state
    ),
    "letter send": Target(
        "bob", lambda w: reverse("repair:letter_send"), SECTIONS, letter_sent_state
    ),
    "question ask": Target(
        "alice", lambda w: reverse("repair:question_ask"), ["text"], rows(Question)
    ),
    "question answer": Target(
        "bob",
        lambda w: reverse("repair:question_answer", args=[w["question"].code]),
        ["text"],
        rows(AnswerVersion),
    ),
}


def build_world() -> dict:
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    couple = pair(alice, bob)
    erin = UserFactory(email="erin@example.com", display_name="Erin")
    erins = pairing.start_couple(user=erin, role="injured")
    therapist = UserFactory(email="tara@example.com", display_name="Tara")
    make_therapist(therapist)
    alice_m, bob_m = active_membership(alice), active_membership(bob)
    entry = Entry.objects.create(
        author=alice, written_on=datetime.date(2026, 3, 1), body="as it was"
    )
    shared = sharing.set_sharing(
        entry=Entry.objects.create(
            author=alice, written_on=datetime.date(2026, 3, 2), body="shared"
        ),
        with_partner=True,
        with_therapist=False,
    )
    preferences_for(alice)
    opt_in(membership=alice_m)
    opt_in(membership=bob_m)
    letter = letters.letter_for(bob_m)
    letters.save_draft(letter=letter, sections=dict.fromkeys(SECTIONS, "draft"))
    question = questions.ask(membership=alice_m, text="why?")
    questions.bring_up(question=question, membership=alice_m, wants="meaning")
    return {
        "alice": alice,
        "bob": bob,
        "erin": erin,
        "newcomer": UserFactory(email="new@example.com", display_name="New"),
        "couple": couple,
        "erins": erins,
        "entry": entry,
        "shared": shared,
        "letter": Letter.objects.get(pk=letter.pk),
        "question": question,
        "item": ConsentItem.objects.filter(published=True).first(),
    }


def fields_of(target: Target, world) -> list[str]:
    if target.fields:
        return target.fields
    prefix = f"item-{world['item'].slug}"
    return [f"{prefix}-answer", f"{prefix}-note", f"{prefix}-check_again"]


# Values a form might meet: nothing, random Unicode (NUL included, lone surrogates can't be sent),
# a huge field, and values of the wrong type or shape.
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
huge_text = st.builds(
    lambda c: c * HUGE,
    st.characters(exclude_categories=("Cs",), exclude_characters="\n"),
)
wrong_type = st.sampled_from(
    [
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "true",
        "null",
        "[]",
        "{}",
        "2026-02-30",
        "0000-00-00",
        "not-a-uuid",
        str(uuid.uuid4()),
        "\x00",
        "<script>alert(1)</script>",
        "%00",
        "../../etc/passwd",
    ]
)
one_value = st.one_of(unicode_text, huge_text, wrong_type)
field_value = st.one_of(
    st.none(), one_value, st.lists(one_value, min_size=2, max_size=3)
)

OK = {200, 204, 302}
REFUSED = {400, 403, 404, 405, 409, 410, 413, 422}


@pytest.fixture
def world_and_clients():
    world = build_world()
    clients = {}
    for actor in ("alice", "bob", "erin", "newcomer"):
        clients[actor] = Client()
        clients[actor].force_login(world[actor])
    return world, clients


@pytest.mark.parametrize("name", list(TARGETS))
def test_bad_input_never_breaks_a_form_or_half_saves(world_and_clients, name):
    world, clients = world_and_clients
    target = TARGETS[name]
    client = clients[target.actor]
    url = target.url(world)
    names = fields_of(target, world)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        database=None,
    )
    @given(
        values=st.fixed_dictionaries(dict.fromkeys(names, field_value)),
        htmx=st.booleans(),
    )
    def post_it(values, htmx):
        data = {k: v for k, v in values.items() if v is not None}
        data |= target.fixed(world)
        cookies = dict(client.cookies.items())
        with transaction.atomic():
            target.setup(world)
            before = target.state(world)
            response = client.post(
                url,
                data,
                headers={"HX-Request": "true"} if htmx and target.htmx else {},
            )
            after = target.state(world)
            transaction.set_rollback(True)
        for key, morsel in cookies.items():
            client.cookies[key] = morsel
        assert response.status_code in OK | REFUSED, (response.status_code, data)
        if response.status_code in REFUSED:
            assert after == before, f"half-saved on {response.status_code}: {data!r}"[
                :500
            ]
            assert response.content.strip(), "a refusal says what is wrong"
        huge = any(
            isinstance(v, str)
            and len(v) >= HUGE
            or isinstance(v, list)
            and any(len(x) >= HUGE for x in v)
            for v in data.values()
        )
        if huge and response.status_code in OK:
            # Nothing of that size is ever kept.
            assert not any(
                isinstance(v, str) and len(v) >= HUGE for v in _flatten(after)
            ), f"a {HUGE}-character value was saved by {name}"

    post_it()


def _flatten(state) -> list:
    return list(state) if isinstance(state, tuple) else [state]


@pytest.mark.parametrize("name", list(TARGETS))
def test_bad_input_missing_or_replayed_csrf_tokens_are_refused(world_and_clients, name):
    world, _ = world_and_clients
    target = TARGETS[name]
    url = target.url(world)
    data = dict.fromkeys(fields_of(target, world), "words")
    person = world[target.actor]

    # A token from before signing in: a real sign-in rotates it, so replaying it is refused.
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("account_login")).text
    stale = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    signed_in = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD, "csrfmiddlewaretoken": stale},
    )
    assert signed_in.status_code == 302, "the real sign-in worked"
    # Someone else's token, from their own session.
    other = Client(enforce_csrf_checks=True)
    other.force_login(
        world["newcomer"] if target.actor != "newcomer" else world["alice"]
    )
    other.get(reverse("privacy:settings"))
    foreign = other.cookies["csrftoken"].value

    target.setup(world)
    before = target.state(world)
    attempts = [
        ({}, {}),  # no token at all
        ({"csrfmiddlewaretoken": foreign}, {}),
        ({}, {"X-CSRFToken": foreign}),
        ({"csrfmiddlewaretoken": stale}, {}),
        ({}, {"X-CSRFToken": stale}),
    ]
    for extra, headers in attempts:
        response = client.post(url, data | extra, headers=headers)
        assert response.status_code == 403, (extra, headers, response.status_code)
        assert target.state(world) == before
