"""The couple views, as partner, outsider and anonymous visitor."""

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertRedirects, assertTemplateUsed

from couples import pairing
from couples.access import active_membership
from couples.models import Invitation, Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin(db):
    return UserFactory(display_name="Robin")


@pytest.fixture
def solo(robin):
    couple = pairing.start_couple(user=robin, role=Role.INJURED)
    pairing.create_invitation(membership=couple.memberships.get())
    return couple


# start


def test_starting_a_couple_makes_an_invitation_link(client, robin):
    client.force_login(robin)
    response = client.post("/couples/start/", {"role": "injured"})
    assertRedirects(response, "/")
    assert active_membership(robin).role == "injured"
    assert Invitation.objects.pending().count() == 1


def test_starting_without_a_role_explains_what_is_missing(client, robin):
    client.force_login(robin)
    response = client.post("/couples/start/", {})
    assert response.status_code == 400
    assertContains(response, "Please choose the one that fits best", status_code=400)
    assert active_membership(robin) is None


def test_start_refuses_other_methods(client, robin):
    client.force_login(robin)
    assert client.put("/couples/start/").status_code == 405


# invite


def test_a_new_link_can_be_emailed_discreetly(
    client, robin, solo, django_capture_on_commit_callbacks
):
    client.force_login(robin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/couples/{solo.code}/invite/", {"email": "sam@example.com"}
        )
    assert len(callbacks) == 1
    assertRedirects(response, "/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.com"]
    invitation = Invitation.objects.pending().get()
    assert f"/join/{invitation.token}/" in message.body
    # The token is random and could spell anything; leave it out of the check.
    body = message.body.replace(invitation.token, "token")
    for word in ["Robin", "betray", "affair", "repair", "couple", "Mend"]:
        assert word.lower() not in message.subject.lower()
        assert word.lower() not in body.lower()


def test_invite_with_htmx_returns_only_the_panel(client, robin, solo):
    client.force_login(robin)
    response = client.post(
        f"/couples/{solo.code}/invite/", {"email": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assertContains(response, 'id="invite-panel"')
    assertContains(response, "A new link is ready")


def test_invite_keeps_a_mistyped_email_and_explains(client, robin, solo):
    client.force_login(robin)
    response = client.post(
        f"/couples/{solo.code}/invite/",
        {"email": "sam@"},
        headers={"HX-Request": "true"},
    )
    assert (
        response.status_code == 422
    )  # htmx swaps it into place; see templates/base.html
    assertContains(response, 'value="sam@"', status_code=422)
    assertContains(response, "valid email", status_code=422)
    assert b"<html" not in response.content
    assert not mail.outbox


def test_an_outsider_cannot_invite_into_someone_elses_couple(client, solo, charlie):
    client.force_login(charlie)
    assert (
        client.post(f"/couples/{solo.code}/invite/", {"email": ""}).status_code == 404
    )
    assert client.get(f"/couples/{solo.code}/invite/").status_code == 404


# join


def test_a_partner_joins_with_the_link(client, robin, solo):
    sam = UserFactory(display_name="Sam")
    token = Invitation.objects.pending().get().token
    client.force_login(sam)
    response = client.get(f"/join/{token}/")
    assertContains(response, "Join Robin in Mend")
    assertTemplateUsed(response, "couples/join.html")
    response = client.post(f"/join/{token}/", {"role": "involved"})
    assertRedirects(response, "/")
    assert active_membership(sam).couple == solo
    assertContains(client.get("/"), "You and Robin")


def test_joining_with_a_role_that_does_not_fit_explains_and_saves_nothing(
    client, robin, solo
):
    sam = UserFactory()
    token = Invitation.objects.pending().get().token
    client.force_login(sam)
    response = client.post(f"/join/{token}/", {"role": "injured"})
    assert response.status_code == 400
    assertContains(response, "nothing has been saved yet", status_code=400)
    assert active_membership(sam) is None


def test_an_unknown_link_gets_a_clear_message(client, robin):
    client.force_login(robin)
    response = client.get("/join/not-a-real-token/")
    assert response.status_code == 404
    assertContains(response, "valid any more", status_code=404)


def test_a_used_link_gets_a_clear_message(client, robin, solo):
    token = Invitation.objects.pending().get().token
    pairing.accept_invitation(token=token, user=UserFactory(), role=Role.INVOLVED)
    client.force_login(UserFactory())
    response = client.get(f"/join/{token}/")
    assert response.status_code == 410
    assertContains(response, "already been used", status_code=410)


def test_a_second_tap_that_read_the_link_before_the_first_joined_lands_home(
    client, robin, solo, monkeypatch
):
    # The second tap read the invitation while it was still open; by the time it asks whether
    # this person is in a couple, the first tap has joined them. It must not say "used".
    sam = UserFactory()
    token = Invitation.objects.pending().get().token
    read_before_the_first_tap = pairing.find_invitation(token)
    pairing.accept_invitation(token=token, user=sam, role=Role.INVOLVED)
    reads = iter([read_before_the_first_tap])
    real_find = pairing.find_invitation
    monkeypatch.setattr(
        pairing, "find_invitation", lambda t: next(reads, None) or real_find(t)
    )
    client.force_login(sam)
    assertRedirects(client.post(f"/join/{token}/", {"role": "involved"}), "/")


def test_joining_a_full_couple_is_refused(client, alice, bob, couple):
    invitation = Invitation.objects.get(couple=couple)
    client.force_login(UserFactory())
    response = client.post(f"/join/{invitation.token}/", {"role": "involved"})
    assert response.status_code == 410


# leave


def test_either_partner_can_leave_at_once(client, alice, bob, couple):
    client.force_login(bob)
    page = client.get(f"/couples/{couple.code}/leave/")
    assertContains(page, "don't need to give a reason")
    assertContains(page, "Alice will see that your shared space has ended")
    response = client.post(f"/couples/{couple.code}/leave/")
    assertRedirects(response, "/")
    assert active_membership(alice) is None
    client.force_login(alice)
    assertContains(client.get("/"), "Your shared space with Bob has ended")


def test_an_outsider_cannot_end_someone_elses_couple(client, couple, charlie):
    client.force_login(charlie)
    assert client.post(f"/couples/{couple.code}/leave/").status_code == 404
    couple.refresh_from_db()
    assert couple.ended_at is None


def test_a_former_partner_gets_404_on_the_old_couple(client, alice, bob, couple):
    pairing.leave_couple(user=alice)
    client.force_login(bob)
    assert client.get(f"/couples/{couple.code}/leave/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/couples/start/"),
        ("post", "/couples/start/"),
        # A GET shows the invitation first (test_join_signed_out.py).
        ("post", "/join/sometoken/"),
        ("get", "/couples/00000000-0000-0000-0000-000000000000/invite/"),
        ("get", "/couples/00000000-0000-0000-0000-000000000000/leave/"),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_an_address_gets_a_few_invitation_emails_a_day_then_the_link_is_to_copy(
    client, robin, solo, django_capture_on_commit_callbacks
):
    client.force_login(robin)
    # Another couple inviting the same address counts too: the limit is the inbox's.
    other = pairing.start_couple(user=UserFactory(), role=Role.INJURED)
    pairing.create_invitation(
        membership=other.memberships.get(), email="Sam@Example.com"
    )
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/couples/{solo.code}/invite/",
                {"email": "sam@example.com"},
                headers={"HX-Request": "true"},
            )
    assert len(mail.outbox) == 2
    assertContains(response, "didn&#x27;t send another")
    assert Invitation.objects.pending().filter(couple=solo).count() == 1
