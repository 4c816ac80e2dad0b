import pytest
from pytest_django.asserts import assertContains, assertNotContains

from couples import pairing
from couples.models import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_a_calm_landing_page_to_visitors(client):
    response = client.get("/")
    assertContains(response, "Create an account")
    assertNotContains(response, "Sign out")


def test_it_offers_to_start_a_couple_to_someone_new(client):
    client.force_login(UserFactory(display_name="Robin"))
    response = client.get("/")
    assertContains(response, "Hello, Robin")
    assertContains(response, "Begin when you're ready")
    assertContains(response, 'action="/couples/start/"')


def test_it_says_kindly_that_a_solo_partner_can_use_mend_alone(client):
    robin = UserFactory(display_name="Robin")
    couple = pairing.start_couple(user=robin, role=Role.INJURED)
    invitation = pairing.create_invitation(membership=couple.memberships.get())
    client.force_login(robin)
    response = client.get("/")
    assertContains(response, "Your own space, for now")
    assertContains(response, f"/join/{invitation.token}/")


def test_it_shows_who_each_partner_is_paired_with(client, alice, bob, couple):
    client.force_login(alice)
    assertContains(client.get("/"), "You and Bob")
    client.force_login(bob)
    assertContains(client.get("/"), "You and Alice")


def test_it_has_the_page_furniture_every_page_needs(client, alice):
    client.force_login(alice)
    response = client.get("/")
    assertContains(response, 'class="skip-link" href="#main"')
    assertContains(response, 'id="quick-exit"')
    assertContains(response, "X-CSRFToken")
    assertContains(response, "htmx")
    assert (
        "<title>Notes</title>" in response.content.decode()
    )  # discreet mode, on by default


def test_it_refuses_other_methods(client, alice):
    client.force_login(alice)
    assert client.post("/").status_code == 405


def test_the_quick_exit_endpoint_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.post("/safety/exit/").status_code == 204
    assert client.get("/").wsgi_request.user.is_anonymous


def test_the_quick_exit_endpoint_only_accepts_post(client, alice):
    client.force_login(alice)
    assert client.get("/safety/exit/").status_code == 405


def test_the_home_card_reveals_the_partners_light_only_after_your_own(
    client, alice, bob, couple
):
    from checkins import daily
    from couples.access import active_membership

    scores = {
        "safe": 3,
        "not_performing": 3,
        "can_say_no": 3,
        "can_say_yes": 3,
        "equal": 3,
    }
    daily.record_checkin(
        user=bob, membership=active_membership(bob), light="red", scores=scores
    )
    client.force_login(alice)
    response = client.get("/")
    assertContains(response, "once you've given yours")
    assertNotContains(response, "red day")
    daily.record_checkin(
        user=alice, membership=active_membership(alice), light="green", scores=scores
    )
    response = client.get("/")
    assertContains(response, "Today is a red day for Bob")


def test_the_home_page_lists_what_the_partner_shared_in_this_couple_only(
    client, alice, bob, couple
):
    import datetime

    from journal import sharing
    from tests.journal.factories import EntryFactory, shared_entry

    shared = shared_entry(bob, written_on=datetime.date(2026, 11, 3))
    EntryFactory(author=bob, written_on=datetime.date(2026, 11, 4))  # private
    withdrawn = shared_entry(bob, written_on=datetime.date(2026, 11, 5))
    sharing.set_sharing(entry=withdrawn, with_partner=False, with_therapist=False)
    mine = shared_entry(alice, written_on=datetime.date(2026, 11, 6))
    client.force_login(alice)
    response = client.get("/")
    assertContains(response, f"/journal/shared/{shared.code}/")
    assertContains(response, "From Bob, 3 November")
    for hidden in (withdrawn, mine):
        assertNotContains(response, str(hidden.code))
    # Once the couple ends, nothing shared in it is listed as shared with her.
    pairing.leave_couple(user=bob)
    assertNotContains(client.get("/"), str(shared.code))


def test_the_footer_safety_line_leads_to_the_safety_page(client):
    response = client.get("/")
    assertContains(
        response,
        'If you are in danger, find emergency and crisis numbers on the <a href="/safety/">Safety page</a>.',
        html=False,
    )
