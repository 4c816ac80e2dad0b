"""The couple's measure cadence: chosen for both (the hurt partner sets the pace:
test_cadence_pace.py), bad input is refused on the page itself, and a therapist's suggestion is
answered by the couple (never by anyone else)."""

import datetime
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from couples.access import active_membership
from measures import cadence
from measures.models import Cadence, MeasureCadence, SuggestionAnswer

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)


def suggest(couple, theo, weeks: int):
    """Theo, with both partners' consent, suggests a cadence."""
    from tests.therapists.factories import approve, full_access

    approve(theo)
    members = [m.user for m in couple.memberships.select_related("user")]
    invite = full_access(couple, theo, *members)
    return cadence.suggest(invite=invite, weeks=weeks, therapist=theo)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_hurt_partner_sets_the_cadence_and_only_the_one_who_chose_is_told_so(
    alice, bob, couple
):
    response = client_for(alice).post(reverse("measures:cadence"), {"weeks": "2"})
    assert response.status_code == 302
    chosen = MeasureCadence.objects.get(couple=couple)
    assert (chosen.weeks, chosen.set_by.user) == (Cadence.FORTNIGHTLY, alice)
    mine = client_for(alice).get(reverse("measures:index")).content.decode()
    theirs = client_for(bob).get(reverse("measures:index")).content.decode()
    assert "Now: every two weeks. You chose this on" in mine
    # Bob sees the cadence, not who chose it: never "are you better yet?".
    assert "Now: every two weeks." in theirs
    assert "chose" not in theirs
    assert "Alice chooses how often" in theirs
    assert "invite you both" in theirs
    assert "Answering stays optional each time, and private" in theirs
    assert "Alice never sees your answers" in theirs
    # Bob may turn them off for them both: less often is always his to choose.
    client_for(bob).post(reverse("measures:cadence"), {"weeks": "0"})
    chosen.refresh_from_db()
    assert (chosen.weeks, chosen.set_by.user) == (Cadence.OFF, bob)


@pytest.mark.parametrize("weeks", ["", "3", "weekly", "-1"])
def test_a_cadence_that_is_not_offered_is_refused_on_the_page(alice, couple, weeks):
    response = client_for(alice).post(reverse("measures:cadence"), {"weeks": weeks})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'aria-invalid="true"' in page
    assert "<h1>Measures</h1>" in page  # the same page, with the form and its error
    assert not MeasureCadence.objects.exists()


def test_someone_without_a_couple_has_no_cadence_to_set(charlie):
    from couples.pairing import leave_couple

    leave_couple(user=charlie)
    client = client_for(charlie)
    assert (
        "A gentle invitation"
        not in client.get(reverse("measures:index")).content.decode()
    )
    assert client.post(reverse("measures:cadence"), {"weeks": "1"}).status_code == 404


def test_a_period_and_its_key_follow_the_calendar_not_the_day_the_cadence_was_chosen():
    assert cadence.period_start(1, MONDAY) == MONDAY
    assert cadence.period_start(1, MONDAY + datetime.timedelta(days=6)) == MONDAY
    assert cadence.period_start(1, MONDAY + datetime.timedelta(days=7)) == (
        MONDAY + datetime.timedelta(days=7)
    )
    start = cadence.period_start(4, MONDAY)
    assert start.weekday() == 0
    assert start <= MONDAY < start + datetime.timedelta(weeks=4)
    same = {
        cadence.prompt_key(2, start + datetime.timedelta(days=n)) for n in range(14)
    }
    assert len(same) == 1
    assert cadence.prompt_key(2, start + datetime.timedelta(days=14)) not in same


def test_either_partner_can_take_up_a_suggestion_that_is_not_more_frequent(
    alice, bob, couple, theo
):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    suggestion = suggest(couple, theo, 4)
    page = client_for(bob).get(reverse("measures:index")).content.decode()
    assert "A suggestion from Theo" in page
    assert "every four weeks" in page
    response = client_for(bob).post(
        reverse("measures:accept_cadence", args=[suggestion.code])
    )
    assert response.status_code == 302
    chosen = MeasureCadence.objects.get(couple=couple)
    assert (chosen.weeks, chosen.set_by.user, chosen.from_suggestion) == (4, bob, True)
    suggestion.refresh_from_db()
    assert (suggestion.answer, suggestion.answered_by.user) == (
        SuggestionAnswer.ACCEPTED,
        bob,
    )
    theirs = client_for(alice).get(reverse("measures:index")).content.decode()
    assert "Now: every four weeks, suggested by your therapist." in theirs
    assert "Bob chose" not in theirs
    assert "chosen by" not in theirs
    mine = unescape(client_for(bob).get(reverse("measures:index")).content.decode())
    assert "You chose this, taking up your therapist's suggestion, on" in mine
    # Answered once: a second tap (or Alice, a moment later) finds nothing left to answer.
    assert (
        client_for(alice)
        .post(reverse("measures:decline_cadence", args=[suggestion.code]))
        .status_code
        == 404
    )
    assert (
        "A suggestion from Theo"
        not in client_for(alice).get(reverse("measures:index")).content.decode()
    )


def test_declining_leaves_the_cadence_as_it_was(alice, bob, couple, theo):
    cadence.set_cadence(couple=couple, weeks=1, by=active_membership(alice))
    suggestion = suggest(couple, theo, 2)
    response = client_for(alice).post(
        reverse("measures:decline_cadence", args=[suggestion.code])
    )
    assert response.status_code == 302
    assert MeasureCadence.objects.get(couple=couple).weeks == 1
    suggestion.refresh_from_db()
    assert suggestion.answer == SuggestionAnswer.DECLINED


def test_a_later_suggestion_replaces_one_still_waiting(couple, theo):
    first = suggest(couple, theo, 1)
    second = cadence.suggest(invite=first.invite, weeks=2, therapist=theo)
    first.refresh_from_db()
    assert first.answer == SuggestionAnswer.REPLACED
    assert cadence.open_suggestion(couple.pk) == second


def test_another_couple_cannot_answer_the_suggestion(couple, charlie, theo):
    suggestion = suggest(couple, theo, 2)
    for name in ("measures:accept_cadence", "measures:decline_cadence"):
        response = client_for(charlie).post(reverse(name, args=[suggestion.code]))
        assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.answer == SuggestionAnswer.OPEN
    assert not MeasureCadence.objects.exists()
