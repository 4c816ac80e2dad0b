"""Every therapist URL, for every state of consent: only a fully granted therapist gets through."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from couples import care, pairing
from repair.models import Exercise
from tests.accounts.factories import UserFactory
from therapists.models import TherapistProfile

from .conftest import HTMX
from .factories import consent, full_access, invite, make_therapist

pytestmark = pytest.mark.django_db


def couple_urls(code) -> list[tuple[str, str, dict, dict]]:
    """(method, url, data, headers) for every therapist URL that names a couple."""
    exercise = Exercise.objects.published().order_by("phase__order", "order").first()
    suggestion = {"exercise": str(exercise.code), "for_whom": "both", "note": ""}
    return [
        ("get", reverse("therapists:couple", args=[code]), {}, {}),
        ("get", reverse("therapists:journey_and_exercises", args=[code]), {}, {}),
        ("get", reverse("therapists:journal_and_letter", args=[code]), {}, {}),
        ("get", reverse("therapists:export", args=[code]), {}, {}),
        ("post", reverse("therapists:add_note", args=[code]), {"body": "seen"}, {}),
        ("post", reverse("therapists:add_note", args=[code]), {"body": "seen"}, HTMX),
        ("post", reverse("therapists:suggest", args=[code]), suggestion, {}),
        ("post", reverse("therapists:suggest", args=[code]), suggestion, HTMX),
    ]


def call(client, method, url, data, headers):
    return getattr(client, method)(url, data, headers=headers)


def only_one_partner(couple, theo, alice, bob):
    return invite(couple, theo, by=alice)


def both_but_not_accepted(couple, theo, alice, bob):
    made = invite(couple, theo, by=alice)
    consent(made, bob)
    return made


def fully_granted(couple, theo, alice, bob):
    return full_access(couple, theo, alice, bob)


def revoked_by_one(couple, theo, alice, bob):
    made = full_access(couple, theo, alice, bob)
    care.revoke_grant(invite=made, user=bob)
    return made


def after_the_couple_separated(couple, theo, alice, bob):
    made = full_access(couple, theo, alice, bob)
    pairing.leave_couple(user=bob)
    return made


def approval_withdrawn(couple, theo, alice, bob):
    made = full_access(couple, theo, alice, bob)
    TherapistProfile.objects.filter(user=theo).update(approved_at=None)
    return made


DENIED = [
    only_one_partner,
    both_but_not_accepted,
    revoked_by_one,
    after_the_couple_separated,
    approval_withdrawn,
]


def test_a_fully_granted_therapist_gets_every_page(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = fully_granted(couple, theo, alice, bob)
    client.force_login(theo)
    for method, url, data, headers in couple_urls(made.code):
        response = call(client, method, url, data, headers)
        expected = 200 if method == "get" or headers else 302
        assert response.status_code == expected, url


@pytest.mark.parametrize("state", DENIED, ids=lambda f: f.__name__)
def test_a_therapist_without_full_consent_is_refused_everywhere(
    client, couple, alice, bob, theo, state
):
    make_therapist(theo)
    made = state(couple, theo, alice, bob)
    client.force_login(theo)
    for method, url, data, headers in couple_urls(made.code):
        response = call(client, method, url, data, headers)
        assert response.status_code == 403, url
    refused = client.get(reverse("therapists:couple", args=[made.code]))
    assert "This couple isn't sharing with you right now" in refused.text.replace(
        "&#x27;", "'"
    )
    dashboard = client.get(reverse("therapists:dashboard"))
    assert reverse("therapists:couple", args=[made.code]) not in dashboard.text


def test_access_ends_after_the_last_day_of_a_grant(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    consent(made, bob, until=timezone.localdate())
    client.force_login(theo)
    assert client.get(reverse("therapists:couple", args=[made.code])).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=1)):
        client.force_login(theo)
        for method, url, data, headers in couple_urls(made.code):
            assert call(client, method, url, data, headers).status_code == 403


def test_a_therapist_with_no_invitation_gets_not_found(
    client, couple, alice, bob, theo
):
    other = UserFactory(email="tess@example.com", display_name="Tess")
    make_therapist(other)
    make_therapist(theo)
    made = full_access(couple, other, alice, bob)
    client.force_login(theo)
    for code in (made.code, uuid.uuid4()):
        for method, url, data, headers in couple_urls(code):
            assert call(client, method, url, data, headers).status_code == 404


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_partners_and_outsiders_get_not_found(
    client, couple, alice, bob, theo, who, request
):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(request.getfixturevalue(who))
    for method, url, data, headers in couple_urls(made.code):
        assert call(client, method, url, data, headers).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    urls = [*couple_urls(made.code)]
    urls += [
        ("get", reverse("therapists:dashboard"), {}, {}),
        ("post", reverse("therapists:accept", args=[made.code]), {}, {}),
        ("post", reverse("therapists:decline", args=[made.code]), {}, {}),
    ]
    for method, url, data, headers in urls:
        response = call(client, method, url, data, headers)
        if headers.get("HX-Request"):
            # htmx requests are sent to sign in as a whole page (HX-Redirect), not a fragment.
            assert response.status_code == 200, url
            assert response["HX-Redirect"].startswith(reverse("account_login")), url
            continue
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_the_wrong_method_is_refused(client, couple, alice, bob, theo):
    make_therapist(theo)
    made = full_access(couple, theo, alice, bob)
    client.force_login(theo)
    assert (
        client.post(reverse("therapists:couple", args=[made.code])).status_code == 405
    )
    for name in ("journey_and_exercises", "journal_and_letter", "export"):
        url = reverse(f"therapists:{name}", args=[made.code])
        assert client.post(url).status_code == 405
    assert (
        client.get(reverse("therapists:add_note", args=[made.code])).status_code == 405
    )
    assert (
        client.get(reverse("therapists:suggest", args=[made.code])).status_code == 405
    )
    assert client.post(reverse("therapists:dashboard")).status_code == 405
    assert client.get(reverse("therapists:accept", args=[made.code])).status_code == 405


def test_an_invitation_can_be_accepted_only_by_its_therapist_once_both_agreed(
    client, couple, alice, bob, theo, charlie
):
    make_therapist(theo)
    made = invite(couple, theo, by=alice)
    client.force_login(theo)
    accept = reverse("therapists:accept", args=[made.code])
    assert client.post(accept).status_code == 404  # Bob hasn't agreed yet
    consent(made, bob)
    make_therapist(charlie)
    client.force_login(charlie)
    assert client.post(accept).status_code == 404
    client.force_login(theo)
    assert client.post(accept).status_code == 302
    made.refresh_from_db()
    assert made.accepted_at is not None
