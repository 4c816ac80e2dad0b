"""The session-prep page: only with both partners' consent, only the measures a partner shares,
flags a therapist can acknowledge (never the partner's to see), and every look logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from couples import care
from couples.models import AccessEvent, ShareCategory
from measures.models import Response
from tests.measures.factories import answer

from .factories import EVERYTHING, consent, full_access, invite

pytestmark = pytest.mark.django_db

RISKY_PHQ = [1, 1, 1, 1, 1, 1, 1, 1, 1]
NO_MEASURES = EVERYTHING | {ShareCategory.MEASURES: False}


def prep_url(made) -> str:
    return reverse("therapists:prep", args=[made.code])


def test_the_page_shows_both_partners_measures_side_by_side(
    client, alice, bob, couple, approved_theo
):
    made = full_access(couple, approved_theo, alice, bob)
    answer(alice, "phq-9", [2] * 8 + [0])  # 16
    answer(alice, "phq-9", [1] * 8 + [0])  # 8: reliable change, easier
    answer(bob, "who-5", [3, 3, 3, 3, 3])  # 60
    client.force_login(approved_theo)
    response = client.get(prep_url(made))
    assertContains(response, "Mood (PHQ-9)")
    assertContains(response, "Well-being (WHO-5)")
    assertContains(response, "16 · 8 <span")
    assertContains(response, "reliable change, easier")
    assertContains(response, "Not answered in this time")
    assertNotContains(response, "Needs a look")


def test_a_partner_who_does_not_share_measures_is_left_out(
    client, alice, bob, couple, approved_theo
):
    made = full_access(couple, approved_theo, alice, bob, second_choices=NO_MEASURES)
    answer(bob, "who-5", [1, 1, 1, 1, 1])
    answer(bob, "phq-9", RISKY_PHQ)
    answer(alice, "gad-7", [1] * 7)
    client.force_login(approved_theo)
    response = client.get(prep_url(made))
    assertContains(response, "Worry (GAD-7)")
    assertNotContains(response, "Well-being (WHO-5)")
    assertNotContains(response, "Needs a look")


def test_a_risky_answer_is_a_flag_the_therapist_can_acknowledge(
    client, alice, bob, couple, approved_theo, mailoutbox
):
    made = full_access(couple, approved_theo, alice, bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    assert mailoutbox == []  # never by email
    client.force_login(approved_theo)
    response = client.get(prep_url(made))
    assertContains(response, "Needs a look")
    seen = reverse("therapists:acknowledge_flag", args=[made.code])
    assert (
        client.post(seen, {"flag": risky.code, "since": "2020-01-01"}).status_code
        == 302
    )
    risky.refresh_from_db()
    assert risky.flag_acknowledged_by == approved_theo
    assertNotContains(client.get(prep_url(made)), "Needs a look")
    assert mailoutbox == []


def test_an_old_open_flag_shows_whatever_the_date(
    client, alice, bob, couple, approved_theo
):
    made = full_access(couple, approved_theo, alice, bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    Response.objects.filter(pk=risky.pk).update(
        taken_at=timezone.now() - datetime.timedelta(days=90)
    )
    client.force_login(approved_theo)
    assertContains(client.get(prep_url(made)), "Needs a look")


def test_a_flag_cannot_be_acknowledged_once_measures_are_no_longer_shared(
    client, alice, bob, couple, approved_theo
):
    made = full_access(couple, approved_theo, alice, bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    consent(made, alice, choices=NO_MEASURES)
    client.force_login(approved_theo)
    seen = reverse("therapists:acknowledge_flag", args=[made.code])
    assert client.post(seen, {"flag": risky.code}).status_code == 404
    assertNotContains(client.get(prep_url(made)), "Needs a look")


def test_the_since_date_limits_what_is_shown(client, alice, bob, couple, approved_theo):
    made = full_access(couple, approved_theo, alice, bob)
    old = answer(alice, "gad-7", [1] * 7)
    Response.objects.filter(pk=old.pk).update(
        taken_at=timezone.now() - datetime.timedelta(days=40)
    )
    client.force_login(approved_theo)
    assertNotContains(client.get(prep_url(made)), "Worry (GAD-7)")
    since = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    chosen = client.get(prep_url(made), {"since": since})
    assertContains(chosen, "Worry (GAD-7)")
    assertContains(chosen, f'value="{since}"')  # the date field shows the date chosen


def test_each_look_is_logged_for_the_couple(client, alice, bob, couple, approved_theo):
    made = full_access(couple, approved_theo, alice, bob)
    client.force_login(approved_theo)
    client.get(prep_url(made))
    assert AccessEvent.objects.filter(
        couple_id=couple.pk, viewer_id=approved_theo.pk, what=AccessEvent.What.PREP
    ).exists()


# Consent and revoke, for the page and the flag.


@pytest.mark.parametrize(
    "state", ["one partner", "not accepted", "revoked by one", "ended couple"]
)
def test_without_both_grants_the_therapist_is_refused(
    client, alice, bob, couple, approved_theo, state
):
    if state == "one partner":
        made = invite(couple, approved_theo, by=alice)
    elif state == "not accepted":
        made = invite(couple, approved_theo, by=alice)
        consent(made, bob)
    else:
        made = full_access(couple, approved_theo, alice, bob)
    if state == "revoked by one":
        care.revoke_grant(invite=made, user=bob)
    if state == "ended couple":
        from couples import pairing

        pairing.leave_couple(user=bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    client.force_login(approved_theo)
    assert client.get(prep_url(made)).status_code == 403
    seen = reverse("therapists:acknowledge_flag", args=[made.code])
    assert client.post(seen, {"flag": risky.code}).status_code == 403
    risky.refresh_from_db()
    assert risky.flag_acknowledged_at is None


def test_partners_outsiders_and_other_therapists_get_404(
    client, alice, bob, couple, charlie, approved_theo, theo
):
    made = full_access(couple, approved_theo, alice, bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    seen = reverse("therapists:acknowledge_flag", args=[made.code])
    for who in (alice, bob, charlie):
        client.force_login(who)
        assert client.get(prep_url(made)).status_code == 404
        assert client.post(seen, {"flag": risky.code}).status_code == 404


def test_wrong_methods_are_refused(client, alice, bob, couple, approved_theo):
    made = full_access(couple, approved_theo, alice, bob)
    risky = answer(alice, "phq-9", RISKY_PHQ)
    client.force_login(approved_theo)
    assert client.post(prep_url(made)).status_code == 405
    seen = reverse("therapists:acknowledge_flag", args=[made.code])
    assert client.get(seen, {"flag": risky.code}).status_code == 405


def test_the_partner_never_sees_the_flag(client, alice, bob, couple, approved_theo):
    full_access(couple, approved_theo, alice, bob)
    answer(alice, "phq-9", RISKY_PHQ)
    client.force_login(bob)
    for path in ("/measures/", "/measures/phq-9/", "/"):
        page = client.get(path)
        assertNotContains(page, "Needs a look")
        assertNotContains(page, "measure-help")
