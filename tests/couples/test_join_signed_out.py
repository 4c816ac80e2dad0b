"""An invitation opened before having an account: who invited, what Mend is, then the way in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples import pairing
from couples.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(alice):
    couple = pairing.start_couple(user=alice, role=Role.INJURED)
    return pairing.create_invitation(membership=couple.memberships.get(user=alice))


def join_url(invitation) -> str:
    return f"/join/{invitation.token}/"


def test_it_says_who_invited_and_what_mend_is(client, invitation):
    response = client.get(join_url(invitation))
    assert response.status_code == 200
    assertContains(response, "Alice has invited you to Mend")
    assertContains(response, "rebuilding trust after a betrayal")
    assertContains(response, "Nothing you write is shown to Alice")
    assertContains(response, 'href="/safety/#when-to-wait"')


def test_it_says_the_name_only_and_nothing_about_the_reason(client, invitation):
    response = client.get(join_url(invitation))
    assertNotContains(response, "alice@example.com")
    assertNotContains(response, Role.INJURED.label)
    assertNotContains(response, "chose:")


def test_sign_up_and_sign_in_lead_back_to_the_link(client, invitation):
    response = client.get(join_url(invitation))
    next_param = f"?next=/join/{invitation.token}/"
    assertContains(response, f'href="/accounts/signup/{next_param}"')
    assertContains(response, f'href="/accounts/login/{next_param}"')


def test_signing_up_from_the_link_and_confirming_lands_on_join(client, invitation):
    client.get(join_url(invitation))
    response = client.post(
        f"/accounts/signup/?next={join_url(invitation)}",
        {
            "display_name": "Bo",
            "email": "bo@example.com",
            "password1": "a long and gentle passphrase",
            "password2": "a long and gentle passphrase",
            "timezone": "UTC",
            "next": join_url(invitation),
        },
    )
    assertRedirects(response, "/accounts/confirm-email/", fetch_redirect_response=False)
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    response = client.post(link)
    assertRedirects(response, join_url(invitation), fetch_redirect_response=False)
    assertContains(client.get(join_url(invitation)), "Join Alice in Mend")


@pytest.mark.parametrize(
    ("spoil", "status", "words"),
    [
        ("revoked", 410, "valid any more"),
        ("expired", 410, "has expired"),
        ("used", 410, "already been used"),
    ],
)
def test_a_link_that_cant_be_used_says_so_first(
    client, invitation, bob, spoil, status, words
):
    if spoil == "revoked":
        invitation.revoked_at = timezone.now()
        invitation.save()
    elif spoil == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
    else:
        pairing.accept_invitation(token=invitation.token, user=bob, role=Role.INVOLVED)
    response = client.get(join_url(invitation))
    assert response.status_code == status
    assertContains(response, words, status_code=status)
    assertNotContains(response, "Alice", status_code=status)


def test_an_unknown_link_is_not_found(client, db):
    response = client.get("/join/not-a-token/")
    assert response.status_code == 404
    assertNotContains(response, "has invited you", status_code=404)


def test_posting_to_join_while_signed_out_asks_to_sign_in(client, invitation):
    response = client.post(join_url(invitation), {"role": Role.INVOLVED})
    assertRedirects(
        response,
        f"/accounts/login/?next=/join/{invitation.token}/",
        fetch_redirect_response=False,
    )
    assert invitation.couple.memberships.active().count() == 1


def test_signed_in_it_is_still_the_join_form(client, invitation, bob):
    client.force_login(bob)
    response = client.get(join_url(invitation))
    assertContains(response, "Join Alice in Mend")
    assertNotContains(response, "has invited you to Mend")
