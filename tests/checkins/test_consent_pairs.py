"""Directional items match only their other half; old answers rest until looked at again; notes
stay with their writer.

The oracle below reads which items pair up from the content file itself, not from the database or
from checkins.consent, so it does not share a mistake with the code it checks.
"""

import datetime
import re
import tomllib
from pathlib import Path

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkins import consent
from checkins.models import ConsentAnswer, ConsentItem
from couples.access import active_membership
from privacy.ownership import export_for

pytestmark = pytest.mark.django_db

CONTENT = Path(consent.__file__).parent / "content" / "consent_menu.toml"
MENU = tomllib.loads(CONTENT.read_text())
ITEMS = {item["slug"]: item for g in MENU["groups"] for item in g["items"]}
# The side each item meets: its counterpart when it has one, else itself.
MEETS = {slug: item.get("counterpart", slug) for slug, item in ITEMS.items()}

VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+')
NOW = datetime.datetime(2027, 3, 15, 12, 0, tzinfo=datetime.UTC)
LONG_AGO = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def open_menu(alice, bob, couple):
    consent.opt_in(membership=active_membership(alice))
    consent.opt_in(membership=active_membership(bob))


def page_of(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/checkins/consent/")
    assert response.status_code == 200
    return VOLATILE.sub(r"\1…", response.content.decode())


def shown(html: str) -> set[str]:
    return set(re.findall(r'data-mutual-item="([^"]+)"', html))


def answer(user, slug, value, **kwargs) -> None:
    consent.set_answer(
        user=user, item=ConsentItem.objects.get(slug=slug), answer=value, **kwargs
    )


# The exact case -------------------------------------------------------------------------------


def test_two_yeses_to_receiving_oral_sex_are_not_a_match_on_either_screen(
    alice, bob, open_menu
):
    for person in (alice, bob):
        answer(person, "oral-receiving", "yes")
        answer(person, "oral-giving", "no")

    assert consent.mutual_items(first_user_id=alice.pk, second_user_id=bob.pk) == []
    assert consent.mutual_items(first_user_id=bob.pk, second_user_id=alice.pk) == []
    for person in (alice, bob):
        html = page_of(person)
        assert shown(html) == set()
        mutual = html[html.index('id="mutual-list"') : html.index("</section>")]
        assert "Receiving oral sex" not in mutual


def test_one_receiving_and_the_other_giving_is_a_match_on_both_screens(
    alice, bob, open_menu
):
    answer(alice, "oral-receiving", "yes")
    answer(bob, "oral-giving", "yes")

    alices, bobs = page_of(alice), page_of(bob)
    assert shown(alices) == {"oral-receiving"}
    assert shown(bobs) == {"oral-giving"}
    assert "Bob chose the other side: “Giving oral sex”" in alices
    assert "Alice chose the other side: “Receiving oral sex”" in bobs


def test_both_wanting_to_be_the_one_who_suggests_sex_is_not_a_match(
    alice, bob, open_menu
):
    answer(alice, "i-initiate", "yes")
    answer(bob, "i-initiate", "yes")
    assert shown(page_of(alice)) == shown(page_of(bob)) == set()
    answer(bob, "partner-initiates", "maybe")
    assert shown(page_of(alice)) == {"i-initiate"}
    assert "maybe — talk first" in page_of(bob)
    assert shown(page_of(bob)) == {"partner-initiates"}


# Every pair of answers ------------------------------------------------------------------------

# Some of each: shared items, and both halves of several directional pairs.
SAMPLE = [
    "sit-close",
    "short-kiss",
    "longer-kissing",
    "penetrative-sex",
    "hand-on-shoulder",
    "hand-on-shoulder-giving",
    "seen-undressed",
    "see-undressed",
    "oral-giving",
    "oral-receiving",
    "i-initiate",
    "partner-initiates",
]
# (answer, resting): a resting answer was given long ago with "look again in a month".
ANSWERS = st.tuples(st.sampled_from([None, "yes", "maybe", "no"]), st.booleans())


def counts(given: tuple[str | None, bool]) -> str | None:
    value, resting = given
    return None if resting or value not in ("yes", "maybe") else value


def oracle(mine: dict, theirs: dict) -> dict[str, tuple[str, str]]:
    """What the first person's screen may show: their item -> (the side it met, state)."""
    result = {}
    for slug, given_ in mine.items():
        other = MEETS[slug]
        pair = sorted(filter(None, [counts(given_), counts(theirs.get(other))]))
        if pair == ["yes", "yes"]:
            result[slug] = (other, "yes")
        elif pair == ["maybe", "yes"]:
            result[slug] = (other, "talk-first")
    return result


def store(user, answers: dict) -> None:
    for slug, (value, resting) in answers.items():
        if resting and value:
            answer(user, slug, value, check_again_months=1, now=LONG_AGO)
        else:
            answer(user, slug, value)


def test_the_sample_covers_both_kinds_and_whole_pairs():
    kinds = {ITEMS[slug]["kind"] for slug in SAMPLE}
    assert kinds == {"shared", "directional"}
    assert all(MEETS[slug] in SAMPLE for slug in SAMPLE)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_mutual_list_is_exactly_the_matching_sides_and_hides_everything_else(
    alice, bob, open_menu, data
):
    ConsentAnswer.objects.all().delete()
    alices = {s: data.draw(ANSWERS, label=f"alice {s}") for s in SAMPLE}
    bobs = {s: data.draw(ANSWERS, label=f"bob {s}") for s in SAMPLE}
    store(alice, alices)
    store(bob, bobs)

    with time_machine.travel(NOW, tick=False):
        for first, second, mine, theirs in (
            (alice, bob, alices, bobs),
            (bob, alice, bobs, alices),
        ):
            expected = oracle(mine, theirs)
            got = consent.mutual_items(first_user_id=first.pk, second_user_id=second.pk)
            assert {m.item.slug: (m.other.slug, m.state) for m in got} == expected
            assert len(got) == len(expected)
        alice_page = page_of(alice)
        assert shown(alice_page) == set(oracle(alices, bobs))
        assert shown(page_of(bob)) == set(oracle(bobs, alices))

        # The fragment htmx swaps in says the same.
        client = Client()
        client.force_login(alice)
        slug = SAMPLE[0]
        fragment = client.post(
            "/checkins/consent/answer/",
            {"item": slug, f"item-{slug}-answer": alices[slug][0] or ""},
            headers={"HX-Request": "true"},
        ).content.decode()
        # Posting is looking again, so Alice's first answer now counts whatever its age.
        alices[slug] = (alices[slug][0], False)
        assert shown(fragment) == set(oracle(alices, bobs))
        alice_page = page_of(alice)

        # Whatever Bob answered that Alice's screen does not reveal, her screen is the same bytes.
        revealed = {other for other, _ in oracle(alices, bobs).values()}
        others = {}
        for slug in SAMPLE:
            if slug in revealed:
                others[slug] = bobs[slug]
                continue
            instead = data.draw(ANSWERS, label=f"bob instead {slug}")
            trial = {**bobs, slug: instead}
            reveals = {o for o, _ in oracle(alices, trial).values()}
            others[slug] = instead if slug not in reveals else ("no", False)
        ConsentAnswer.objects.filter(user=bob).delete()
        store(bob, others)
        assert oracle(alices, others) == oracle(alices, bobs)
        assert page_of(alice) == alice_page


# Answers that rest ----------------------------------------------------------------------------


def test_an_answer_past_its_check_again_date_stops_counting_until_reconfirmed(
    alice, bob, open_menu
):
    given_on = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=datetime.UTC)
    answer(alice, "sit-close", "yes", check_again_months=1, now=given_on)
    answer(bob, "sit-close", "yes")
    row = ConsentAnswer.objects.get(user=alice)
    assert row.check_again_at == datetime.datetime(
        2027, 2, 28, 10, 0, tzinfo=datetime.UTC
    )

    with time_machine.travel(
        datetime.datetime(2027, 2, 27, tzinfo=datetime.UTC), tick=False
    ):
        assert shown(page_of(alice)) == shown(page_of(bob)) == {"sit-close"}
        assert "A few answers are resting" not in page_of(alice)

    with time_machine.travel(
        datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC), tick=False
    ):
        alices = page_of(alice)
        assert shown(alices) == set()
        assert "A few answers are resting" in alices
        assert "It still feels right" in alices
        bobs = page_of(bob)
        assert shown(bobs) == set()
        # To Bob, a resting yes looks exactly like no answer at all.
        ConsentAnswer.objects.filter(user=alice).delete()
        assert page_of(bob) == bobs
        answer(alice, "sit-close", "yes", check_again_months=1, now=given_on)

        # Saving the whole form without touching it is not looking again.
        client = Client()
        client.force_login(alice)
        client.post("/checkins/consent/", {"item-sit-close-answer": "yes"})
        assert shown(page_of(bob)) == set()

        # "It still feels right" counts it again, with a new date one month on.
        response = client.post(
            "/checkins/consent/answer/",
            {
                "item": "sit-close",
                "item-sit-close-answer": "yes",
                "item-sit-close-check_again": "1",
            },
        )
        assert response.status_code == 302
        assert shown(page_of(alice)) == shown(page_of(bob)) == {"sit-close"}
        assert "A few answers are resting" not in page_of(alice)
        assert ConsentAnswer.objects.get(
            user=alice
        ).check_again_at == datetime.datetime(2027, 4, 1, tzinfo=datetime.UTC)


def test_never_means_the_answer_keeps_counting(alice, bob, open_menu):
    answer(alice, "short-kiss", "yes", now=LONG_AGO)
    answer(bob, "short-kiss", "maybe", now=LONG_AGO)
    with time_machine.travel(
        datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False
    ):
        assert shown(page_of(alice)) == {"short-kiss"}


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (
            datetime.datetime(2027, 1, 31, tzinfo=datetime.UTC),
            1,
            datetime.datetime(2027, 2, 28, tzinfo=datetime.UTC),
        ),
        (
            datetime.datetime(2028, 1, 31, tzinfo=datetime.UTC),
            1,
            datetime.datetime(2028, 2, 29, tzinfo=datetime.UTC),
        ),
        (
            datetime.datetime(2027, 11, 30, tzinfo=datetime.UTC),
            3,
            datetime.datetime(2028, 2, 29, tzinfo=datetime.UTC),
        ),
        (
            datetime.datetime(2027, 5, 15, tzinfo=datetime.UTC),
            3,
            datetime.datetime(2027, 8, 15, tzinfo=datetime.UTC),
        ),
    ],
)
def test_check_again_dates_fall_on_the_same_day_or_the_months_last(start, months, end):
    assert consent.add_months(start, months) == end


# Private notes --------------------------------------------------------------------------------


def test_a_note_is_sealed_shown_only_to_its_writer_and_exported_only_to_them(
    alice, bob, open_menu
):
    canary = "only if we talk first about Brindlewick"
    client = Client()
    client.force_login(alice)
    client.post(
        "/checkins/consent/answer/",
        {
            "item": "longer-kissing",
            "item-longer-kissing-answer": "maybe",
            "item-longer-kissing-note": canary,
        },
        headers={"HX-Request": "true"},
    )
    answer(bob, "longer-kissing", "yes")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM checkins_consentanswer")
        raw = " ".join(str(row[0]) for row in cursor.fetchall())
    assert "Brindlewick" not in raw
    assert canary in page_of(alice)
    bobs = page_of(bob)
    assert "Brindlewick" not in bobs
    assert shown(bobs) == {"longer-kissing"}
    assert "Brindlewick" in str(export_for(alice))
    assert "Brindlewick" not in str(export_for(bob))


def test_a_post_that_leaves_the_note_out_keeps_it(alice, bob, open_menu):
    answer(alice, "flirting", "maybe", note="after the weekend away")
    client = Client()
    client.force_login(alice)
    client.post("/checkins/consent/", {"item-flirting-answer": "yes"})
    row = ConsentAnswer.objects.get(user=alice)
    assert (row.answer, row.note) == ("yes", "after the weekend away")


# No activity in a URL -------------------------------------------------------------------------


def test_answers_post_to_one_address_that_names_no_activity(alice, bob, open_menu):
    html = page_of(alice)
    urls = set(re.findall(r'(?:hx-post|action|formaction|href)="([^"]+)"', html))
    assert reverse("checkins:consent_answer") in urls
    for url in urls:
        for slug in ITEMS:
            assert slug not in url


# The menu as seeded ---------------------------------------------------------------------------


def test_every_seeded_item_is_shared_or_one_half_of_a_pair_both_ways():
    items = {
        item.slug: item for item in ConsentItem.objects.select_related("counterpart")
    }
    assert set(items) == set(ITEMS)
    assert len(items) == 50
    for slug, item in items.items():
        assert item.kind == ITEMS[slug]["kind"]
        if item.directional:
            assert item.counterpart.slug == ITEMS[slug]["counterpart"]
            assert item.counterpart.counterpart_id == item.pk
        else:
            assert item.counterpart is None
    pairs = {
        frozenset((s, i["counterpart"])) for s, i in ITEMS.items() if "counterpart" in i
    }
    assert {
        frozenset(("oral-giving", "oral-receiving")),
        frozenset(("i-initiate", "partner-initiates")),
        frozenset(("touch-genitals", "touch-genitals-giving")),
        frozenset(("seen-undressed", "see-undressed")),
    } <= pairs


def test_the_database_refuses_a_directional_item_without_its_other_half():
    group = ConsentItem.objects.first().group
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentItem.objects.create(
            group=group, slug="lonely", label="Half of something", kind="directional"
        )
    shared = ConsentItem.objects.get(slug="sit-close")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentItem.objects.filter(pk=shared.pk).update(
            counterpart=shared, kind="directional"
        )


def test_log_lines_about_answers_carry_no_item_words(
    alice, bob, charlie, open_menu, caplog
):
    import logging

    from core.models import AuthzDenied

    item = ConsentItem.objects.get(slug="oral-receiving")
    words = {item.slug, *item.label.lower().split()} - {"a", "the", "of"}
    url = reverse("checkins:consent_answer")
    data = {"item": item.slug, f"item-{item.slug}-answer": "yes"}
    caplog.set_level(logging.DEBUG)
    for person, status in ((alice, 302), (charlie, 404)):
        client = Client()
        client.force_login(person)
        assert client.post(url, data).status_code == status
    # A refusal is logged (the outsider's), and neither it nor any log line names the activity.
    logged = [row.path for row in AuthzDenied.objects.all()]
    assert logged == [url]
    text = " ".join([caplog.text, *logged]).lower()
    for word in words:
        assert word not in text, word
