"""The partners' care-team pages: invite, choose, stop, and see who has looked."""

import pytest
from django.urls import reverse

from couples import care
from couples.models import AccessEvent, CareTeamInvite, TherapistGrant
from tests.therapists.factories import (
    can_see,
    consent,
    full_access,
    invite,
    make_therapist,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def therapist(theo):
    make_therapist(theo)
    return theo


def test_a_partner_invites_their_therapist_with_their_own_choices(
    client, couple, alice, therapist
):
    client.force_login(alice)
    response = client.post(
        reverse("couples:care"),
        {"email": "THEO@example.com", "share_checkins": "on", "share_journey": "on"},
    )
    assert response.status_code == 302
    made = CareTeamInvite.objects.get()
    grant = TherapistGrant.objects.get(invite=made)
    assert (grant.user, grant.categories) == (alice, {"checkins", "journey"})
    page = client.get(reverse("couples:care"))
    assert "Nothing is shared yet" in page.text


def test_an_unknown_address_gets_a_kind_message_that_reveals_nothing(
    client, couple, alice, charlie
):
    client.force_login(alice)
    response = client.post(reverse("couples:care"), {"email": charlie.email})
    assert response.status_code == 400
    assert "couldn&#x27;t invite anyone with that address" in response.text
    assert not CareTeamInvite.objects.exists()


def test_the_invite_form_answers_htmx_with_just_the_form(client, couple, alice):
    client.force_login(alice)
    response = client.post(
        reverse("couples:care"), {"email": "nobody@example.com"}, headers=HTMX
    )
    assert (
        response.status_code == 422
    )  # htmx swaps it into place; see templates/base.html
    assert response.text.lstrip().startswith('<form id="invite-form"')
    assert "<html" not in response.text


def test_the_other_partner_agrees_with_their_own_choices(
    client, couple, alice, bob, therapist
):
    made = invite(couple, therapist, by=alice)
    client.force_login(bob)
    page = client.get(reverse("couples:care"))
    assert "Alice would like to invite Theo" in page.text
    form = client.get(reverse("couples:care_consent", args=[made.code]))
    assert form.status_code == 200
    response = client.post(
        reverse("couples:care_consent", args=[made.code]), {"share_journal": "on"}
    )
    assert response.status_code == 302
    assert TherapistGrant.objects.get(invite=made, user=bob).categories == {"journal"}


def test_a_partner_stops_sharing_with_one_tap(client, couple, alice, bob, therapist):
    made = full_access(couple, therapist, alice, bob)
    client.force_login(alice)
    response = client.post(reverse("couples:care_revoke", args=[made.code]))
    assert response.status_code == 302
    assert not can_see(therapist, couple)


def test_both_partners_see_who_has_looked(client, couple, alice, bob, therapist):
    full_access(couple, therapist, alice, bob)
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.COUPLE_PAGE
    )
    for person in (alice, bob):
        client.force_login(person)
        page = client.get(reverse("couples:care_log"))
        assert "Theo looked at what you share" in page.text


def test_an_outsider_cannot_see_or_touch_another_couples_care_team(
    client, couple, alice, bob, charlie, therapist
):
    made = full_access(couple, therapist, alice, bob)
    care.record_access(
        therapist=therapist, couple_ids=[couple.pk], what=AccessEvent.What.COUPLE_PAGE
    )
    client.force_login(charlie)
    assert (
        client.get(reverse("couples:care_consent", args=[made.code])).status_code == 404
    )
    assert (
        client.post(reverse("couples:care_revoke", args=[made.code])).status_code == 404
    )
    assert "Theo" not in client.get(reverse("couples:care_log")).text
    assert "Theo" not in client.get(reverse("couples:care")).text
    assert can_see(therapist, couple)


def test_the_therapist_cannot_use_the_partners_pages(
    client, couple, alice, bob, therapist
):
    made = full_access(couple, therapist, alice, bob)
    client.force_login(therapist)
    assert client.get(reverse("couples:care")).status_code == 404
    assert client.get(reverse("couples:care_log")).status_code == 404
    assert (
        client.post(reverse("couples:care_revoke", args=[made.code])).status_code == 404
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, couple, alice, therapist):
    made = invite(couple, therapist, by=alice)
    for url in (
        reverse("couples:care"),
        reverse("couples:care_log"),
        reverse("couples:care_consent", args=[made.code]),
    ):
        assert client.get(url).url.startswith(reverse("account_login"))


def test_the_wrong_method_is_refused(client, couple, alice, therapist):
    made = invite(couple, therapist, by=alice)
    client.force_login(alice)
    assert (
        client.get(reverse("couples:care_revoke", args=[made.code])).status_code == 405
    )
    assert client.post(reverse("couples:care_log")).status_code == 405
    assert client.delete(reverse("couples:care")).status_code == 405


def test_a_partner_whose_partner_left_gets_not_found(
    client, couple, alice, bob, therapist
):
    from couples import pairing

    made = invite(couple, therapist, by=alice)
    consent(made, bob)
    pairing.leave_couple(user=bob)
    client.force_login(alice)
    assert (
        client.get(reverse("couples:care_consent", args=[made.code])).status_code == 404
    )


def test_a_successful_htmx_invite_asks_for_a_full_page_load(
    client, couple, alice, theo
):
    make_therapist(theo)
    client.force_login(alice)
    response = client.post(
        reverse("couples:care"),
        {"email": theo.email, "share_journey": "on"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == reverse("couples:care")
