"""The one membership lookup: the person's membership, their partner's, and the pause, at once.

Every couple-scoped page starts from it, so with two couples in the database each person must get
their own couple, their own partner and their own couple's things, and a 404 for the other's.
"""

import pytest
from django.http import Http404

from checkins.daily import record_checkin
from checkins.models import SAFETY_FIELDS
from couples import pairing
from couples.access import (
    active_membership,
    get_couple_for_member,
    partner_membership,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_partner_comes_with_the_membership_in_one_query(
    alice, bob, couple, django_assert_num_queries
):
    with django_assert_num_queries(1):
        mine = active_membership(alice)
        partner = partner_membership(mine)
    assert mine.user == alice
    assert mine.couple == couple
    assert partner.user == bob
    assert partner.user.display_name == bob.display_name
    assert mine.i_am_paused is False
    assert mine.partner_is_paused is False


def test_someone_on_their_own_has_no_partner():
    person = UserFactory()
    membership = pairing.start_couple(user=person, role="injured").memberships.get()
    mine = active_membership(person)
    assert mine == membership
    assert partner_membership(mine) is None


def test_after_leaving_there_is_no_membership(alice, bob, couple):
    pairing.leave_couple(user=bob)
    assert active_membership(alice) is None
    assert active_membership(bob) is None


# Two couples -------------------------------------------------------------------------------------


@pytest.fixture(params=["alice_and_bob_first", "charlie_and_dana_first"])
def two_couples(request, alice, bob):
    """Alice and Bob's couple and Charlie and Dana's, made in either order, so that neither
    "the first couple" nor "the last membership" happens to be the right answer."""
    if request.param == "alice_and_bob_first":
        couple = request.getfixturevalue("couple")
        other = request.getfixturevalue("other_couple_with_data")
    else:
        other = request.getfixturevalue("other_couple_with_data")
        couple = request.getfixturevalue("couple")
    return couple, other


def _people(two_couples, alice, bob):
    """(person, their couple, their partner) for all four people."""
    couple, other = two_couples
    return [
        (alice, couple, bob),
        (bob, couple, alice),
        (other.charlie, other.couple, other.dana),
        (other.dana, other.couple, other.charlie),
    ]


def test_each_person_gets_their_own_couple_and_partner(two_couples, alice, bob):
    for person, their_couple, their_partner in _people(two_couples, alice, bob):
        mine = active_membership(person)
        assert mine is not None, person.display_name
        assert mine.user_id == person.pk
        assert mine.couple_id == their_couple.pk, person.display_name
        partner = partner_membership(mine)
        assert partner is not None, person.display_name
        assert partner.user_id == their_partner.pk, person.display_name
        assert partner.couple_id == their_couple.pk


def test_a_couple_code_opens_only_for_its_own_members(two_couples, alice, bob):
    couple, other = two_couples
    for person, their_couple, _ in _people(two_couples, alice, bob):
        found, membership = get_couple_for_member(person, their_couple.code)
        assert found == their_couple
        assert membership.user_id == person.pk
        someone_elses = other.couple if their_couple == couple else couple
        with pytest.raises(Http404):
            get_couple_for_member(person, someone_elses.code)


def test_pages_show_the_askers_own_couple_and_404_the_others(
    client, two_couples, alice, bob
):
    couple, other = two_couples
    for person in (alice, bob):
        record_checkin(
            user=person,
            membership=active_membership(person),
            light="yellow",
            scores=dict.fromkeys(SAFETY_FIELDS, 3),
            note=f"{person.display_name.lower()}-checkin-canary",
            note_shared=True,
        )
    # What each couple's check-in, question box and history pages can show, and nobody else's.
    things = {
        couple: {
            "Alice today",
            "Bob today",
            "alice-checkin-canary",
            "bob-checkin-canary",
        },
        other.couple: {
            "Charlie today",
            "Dana today",
            "charlie-checkin-canary",
            "dana-checkin-canary",
            "charlie-question-canary",
            "moved you both on to <strong>Non-sexual closeness",
        },
    }
    for person, their_couple, partner in _people(two_couples, alice, bob):
        client.force_login(person)
        page = "".join(
            client.get(path).text
            for path in ("/checkins/", "/repair/questions/", "/repair/history/")
        )
        name = partner.display_name
        assert f"{name} today" in page, person.display_name
        assert f"{name.lower()}-checkin-canary" in page, person.display_name
        if their_couple == other.couple:
            # A question waits in the box, seen by its asker alone, until they bring it up.
            assert ("charlie-question-canary" in page) == (person == other.charlie)
            assert "moved you both on to <strong>Non-sexual closeness" in page
        someone_elses = other.couple if their_couple == couple else couple
        shown = sorted(t for t in things[someone_elses] if t in page)
        assert not shown, (person.display_name, shown)

        assert client.get(f"/couples/{their_couple.code}/leave/").status_code == 200
        assert client.get(f"/couples/{someone_elses.code}/leave/").status_code == 404


def test_a_partner_reaches_only_their_own_couples_shared_entry(
    client, two_couples, alice, bob
):
    _, other = two_couples
    client.force_login(other.charlie)
    shared = client.get(f"/journal/shared/{other.shared_entry.code}/")
    assert shared.status_code == 200
    assert "dana-shared-canary" in shared.text
    assert client.get(f"/journal/{other.private_entry.code}/").status_code == 200
    for outsider in (alice, bob):
        client.force_login(outsider)
        assert (
            client.get(f"/journal/shared/{other.shared_entry.code}/").status_code == 404
        )
        assert client.get(f"/journal/{other.private_entry.code}/").status_code == 404
        assert "dana-shared-canary" not in client.get("/journal/shared/").text
