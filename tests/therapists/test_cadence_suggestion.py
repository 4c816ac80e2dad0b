"""A therapist suggests how often the couple is invited to their measures: only with the "measures"
share, only to their own couple, and they see whether it was taken up or declined."""

import pytest
from django.test import Client
from django.urls import reverse

from couples.models import AccessEvent, ShareCategory
from measures.models import CadenceSuggestion, MeasureCadence
from tests.therapists.factories import EVERYTHING, full_access, make_therapist

pytestmark = pytest.mark.django_db

WITHOUT_MEASURES = EVERYTHING | {ShareCategory.MEASURES: False}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(invite):
    return reverse("therapists:cadence", args=[invite.code])


def test_a_therapist_with_the_measures_share_suggests_and_sees_the_answer(
    granted, approved_theo, alice, bob, couple
):
    theo = client_for(approved_theo)
    page = theo.get(url(granted))
    assert page.status_code == 200
    assert "No invitations" in page.content.decode()
    response = theo.post(url(granted), {"weeks": "2"})
    assert response.status_code == 302
    suggestion = CadenceSuggestion.objects.get(couple=couple)
    assert (suggestion.weeks, suggestion.invite) == (2, granted)
    assert "waiting for their answer" in theo.get(url(granted)).content.decode()
    # The couple sees it on their measures page; Alice, who was hurt, takes it up.
    assert (
        "A suggestion from Theo"
        in client_for(alice).get(reverse("measures:index")).content.decode()
    )
    client_for(alice).post(reverse("measures:accept_cadence", args=[suggestion.code]))
    assert MeasureCadence.objects.get(couple=couple).weeks == 2
    page = theo.get(url(granted)).content.decode()
    assert "Alice took it up on" in page
    assert "Every two weeks, chosen on" in page
    # Each look and the suggestion are in the couple's access log.
    assert (
        AccessEvent.objects.filter(
            couple_id=couple.pk, viewer_id=approved_theo.pk
        ).count()
        == 4
    )


def test_the_therapist_sees_a_decline(granted, approved_theo, alice, couple):
    theo = client_for(approved_theo)
    theo.post(url(granted), {"weeks": "4"})
    suggestion = CadenceSuggestion.objects.get()
    client_for(alice).post(reverse("measures:decline_cadence", args=[suggestion.code]))
    assert "Alice declined it on" in theo.get(url(granted)).content.decode()
    assert not MeasureCadence.objects.exists()


@pytest.mark.parametrize("weeks", ["", "0", "3", "often"])
def test_a_suggestion_not_offered_is_refused_on_the_page(granted, approved_theo, weeks):
    response = client_for(approved_theo).post(url(granted), {"weeks": weeks})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not CadenceSuggestion.objects.exists()


def test_without_the_measures_share_there_is_nothing_to_suggest(
    couple, alice, bob, approved_theo
):
    invite = full_access(
        couple,
        approved_theo,
        alice,
        bob,
        first_choices=WITHOUT_MEASURES,
        second_choices=WITHOUT_MEASURES,
    )
    theo = client_for(approved_theo)
    assert theo.get(url(invite)).status_code == 404
    assert theo.post(url(invite), {"weeks": "1"}).status_code == 404
    assert not CadenceSuggestion.objects.exists()
    prep = theo.get(reverse("therapists:prep", args=[invite.code])).content.decode()
    assert url(invite) not in prep


def test_one_partners_measures_share_is_enough_to_suggest(
    couple, alice, bob, approved_theo
):
    invite = full_access(
        couple, approved_theo, alice, bob, second_choices=WITHOUT_MEASURES
    )
    theo = client_for(approved_theo)
    prep = theo.get(reverse("therapists:prep", args=[invite.code])).content.decode()
    assert url(invite) in prep
    assert theo.post(url(invite), {"weeks": "1"}).status_code == 302


def test_a_therapist_nobody_invited_finds_nothing(granted, alice):
    from tests.accounts.factories import UserFactory

    uma = UserFactory(email="uma@example.com", display_name="Uma")
    make_therapist(uma)
    client = client_for(uma)
    assert client.get(url(granted)).status_code == 404
    assert client.post(url(granted), {"weeks": "1"}).status_code == 404
    assert client_for(alice).post(url(granted), {"weeks": "1"}).status_code == 404
    assert not CadenceSuggestion.objects.exists()
