"""The hurt partner sets the pace of measure invitations (DESIGN.md §2, principle 1).

In a couple of a hurt partner (Alice) and one who broke trust (Bob), Bob may only make the
invitations less frequent or turn them off, in the domain, on the page and when taking up a
therapist's suggestion (declining is his as much as hers). Where both broke trust, either chooses.
"""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from couples.access import active_membership
from couples.models import Role
from measures import cadence
from measures.models import MeasureCadence, SuggestionAnswer
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair
from tests.measures.test_cadence import suggest

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return unescape(response.content.decode())


def weeks_of(couple) -> int:
    return cadence.current_weeks(couple.pk)


@pytest.mark.parametrize(
    ("now", "wanted", "his_to_choose"),
    [
        (0, 1, False),  # turning them on
        (0, 4, False),
        (4, 2, False),  # more often
        (2, 1, False),
        (1, 2, True),  # less often
        (2, 4, True),
        (4, 0, True),  # off
        (1, 0, True),
        (2, 2, True),  # as it is
        (0, 0, True),
    ],
)
def test_the_partner_who_broke_trust_may_only_ask_for_less(
    alice, bob, couple, now, wanted, his_to_choose
):
    if now:
        cadence.set_cadence(couple=couple, weeks=now, by=active_membership(alice))
    if his_to_choose:
        cadence.set_cadence(couple=couple, weeks=wanted, by=active_membership(bob))
        assert weeks_of(couple) == wanted
    else:
        with pytest.raises(cadence.NotTheirPace):
            cadence.set_cadence(couple=couple, weeks=wanted, by=active_membership(bob))
        assert weeks_of(couple) == now
    # The hurt partner chooses anything, from anywhere.
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    assert weeks_of(couple) == 1


def test_where_both_broke_trust_either_chooses_anything():
    robin = UserFactory(email="robin@example.com", display_name="Robin")
    sam = UserFactory(email="sam@example.com", display_name="Sam")
    couple = pair(robin, sam, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    for person, weeks in ((sam, 1), (robin, 4), (sam, 2), (robin, 0), (sam, 4)):
        response = client_for(person).post(
            reverse("measures:cadence"), {"weeks": str(weeks)}
        )
        assert response.status_code == 302
        assert weeks_of(couple) == weeks
    page = text(client_for(sam).get(reverse("measures:index")))
    assert 'value="1"' in page
    assert "chooses how often" not in page


def test_a_more_frequent_choice_is_refused_kindly_on_the_page(alice, bob, couple):
    bob_client = client_for(bob)
    page = text(bob_client.get(reverse("measures:index")))
    # Off: nothing for Bob to choose, only who does.
    assert "Alice chooses how often you're both invited." in page
    assert 'name="weeks"' not in page
    response = bob_client.post(reverse("measures:cadence"), {"weeks": "1"})
    assert response.status_code == 400
    assert "Alice chooses whether you're both invited, and how often." in (
        text(response)
    )
    assert not MeasureCadence.objects.exists()

    cadence.set_cadence(couple=couple, weeks=2, by=active_membership(alice))
    page = text(bob_client.get(reverse("measures:index")))
    assert 'value="1"' not in page  # only the choices that are his
    assert 'value="2"' in page
    assert 'value="4"' in page
    assert 'value="0"' in page
    assert "You can make it less often or turn it off." in page
    response = bob_client.post(reverse("measures:cadence"), {"weeks": "1"})
    assert response.status_code == 400
    refused = text(response)
    assert 'role="alert"' in refused
    assert (
        "Alice chooses how often you're both invited."
        " You can make it less often or turn it off."
    ) in refused
    assert weeks_of(couple) == 2


def test_a_more_frequent_suggestion_is_the_hurt_partners_to_take_up(
    alice, bob, couple, theo
):
    cadence.set_cadence(couple=couple, weeks=4, by=active_membership(alice))
    suggestion = suggest(couple, theo, 1)
    page = text(client_for(bob).get(reverse("measures:index")))
    assert "Alice decides whether to take it up" in page
    assert reverse("measures:accept_cadence", args=[suggestion.code]) not in page
    assert "No, thank you" in page
    response = client_for(bob).post(
        reverse("measures:accept_cadence", args=[suggestion.code])
    )
    assert response.status_code == 302  # back to the page, which says who decides
    suggestion.refresh_from_db()
    assert suggestion.answer == SuggestionAnswer.OPEN
    assert weeks_of(couple) == 4
    with pytest.raises(cadence.NotTheirPace):
        cadence.answer(suggestion=suggestion, accepted=True, by=active_membership(bob))
    suggestion.refresh_from_db()
    assert suggestion.answer == SuggestionAnswer.OPEN  # the refusal undid the answer
    # Alice can take it up.
    alice_page = text(client_for(alice).get(reverse("measures:index")))
    assert reverse("measures:accept_cadence", args=[suggestion.code]) in alice_page
    client_for(alice).post(reverse("measures:accept_cadence", args=[suggestion.code]))
    assert weeks_of(couple) == 1


def test_the_partner_who_broke_trust_may_decline_any_suggestion(
    alice, bob, couple, theo
):
    suggestion = suggest(couple, theo, 1)
    response = client_for(bob).post(
        reverse("measures:decline_cadence", args=[suggestion.code])
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.answer == SuggestionAnswer.DECLINED
    assert weeks_of(couple) == 0
