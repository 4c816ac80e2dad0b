"""The journal and letter part of a couple's page: journal entries shared with the therapist, the
accountability letter as sent, and the mutual consent list, in a fixed number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins import consent as consent_menu
from checkins.models import ConsentItem
from couples.access import active_membership
from journal.models import Entry
from repair import letters
from tests.performance.test_query_budgets import (
    SESSION_QUERY,
    SIZES,
    History,
    queries_for,
)

from .factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

# User, the access rule with both grants, the log, entries with their tags, the letter with its
# latest answer, the consent answers and the mutual items, the private lists of hard moments a
# partner chose to show, and the header's pause state.
BUDGET = 9
SECTIONS = ("what_i_did", "how_it_hurt", "doing_now", "will_keep_doing")


@pytest.fixture
def made(couple, alice, bob, theo):
    make_therapist(theo)
    return full_access(couple, theo, alice, bob)


def share_all_with_therapist(couple) -> None:
    Entry.objects.filter(shared_in=couple).update(
        shared_with_therapist_at=timezone.now()
    )


def test_it_shows_shared_entries_with_their_tags(
    client, couple, alice, bob, theo, made
):
    History(alice, bob, couple).grow_to(2)
    share_all_with_therapist(couple)
    client.force_login(theo)
    page = client.get(reverse("therapists:journal_and_letter", args=[made.code])).text
    assert "From Alice's journal" in page
    assert "From Bob's journal" in page
    assert "we <em>talked</em> about the evening" in page  # its Markdown, rendered
    assert "Shutting down, or feeling repulsed" in page  # the entry's tag


def test_it_costs_the_same_queries_however_much_history(
    client, couple, alice, bob, theo, made
):
    history = History(alice, bob, couple)
    letter = letters.letter_for(active_membership(bob))
    version = letters.send(letter=letter, sections=dict.fromkeys(SECTIONS, "Sorry"))
    letters.respond(
        version=version,
        membership=active_membership(alice),
        kind="not_yet",
        missing="More",
    )
    for item in ConsentItem.objects.order_by("pk")[:3]:
        for person in (alice, bob):
            consent_menu.set_answer(user=person, item=item, answer="yes")
    client.force_login(theo)
    url = reverse("therapists:journal_and_letter", args=[made.code])
    counts = []
    for size in SIZES:
        history.grow_to(size)
        share_all_with_therapist(couple)
        counts.append(queries_for(client, url))
    assert counts == [BUDGET + SESSION_QUERY] * len(SIZES)


def test_a_private_list_of_hard_moments_shows_only_when_its_owner_shows_it(
    client, couple, alice, bob, theo, made
):
    from steadying import flooding

    flooding.save_card(
        user=alice,
        helps="Sit with me.",
        does_not_help="",
        send_to_partner=False,
        keep_history=True,
    )
    flooding.tap(user=alice, membership=active_membership(alice))
    url = reverse("therapists:journal_and_letter", args=[made.code])
    client.force_login(theo)
    heading = "Hard moments Alice chose to show you"
    assert heading not in client.get(url).text  # kept, but not shown
    flooding.share_history_with_therapist(user=alice, share=True)
    page = client.get(url).text
    assert heading in page
    assert "Hard moments Bob" not in page
    # Only while Alice shares her journal in the grant.
    grant = made.grants.get(user=alice)
    grant.share_journal = False
    grant.save()
    assert heading not in client.get(url).text
    grant.share_journal = True
    grant.save()
    # Stopping, or letting the list go, hides it again.
    flooding.share_history_with_therapist(user=alice, share=False)
    assert heading not in client.get(url).text
    flooding.share_history_with_therapist(user=alice, share=True)
    flooding.save_card(
        user=alice,
        helps="Sit with me.",
        does_not_help="",
        send_to_partner=False,
        keep_history=False,
    )
    assert heading not in client.get(url).text
    # Bob, the partner, never sees Alice's list.
    client.force_login(bob)
    assert client.get("/steady/history/").status_code == 200
    assert "Hard moments Alice" not in client.get("/steady/history/").text
