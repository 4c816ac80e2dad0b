"""A lighter check-in: one tap on a light is complete; the five statements come after it, are
optional, wait "for when you're ready" in the first phase, and are never asked on a red day."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checkins import daily
from checkins.models import SAFETY_FIELDS, CheckIn, Light
from couples.access import active_membership
from repair import journey
from tests.therapists.factories import full_access, make_therapist

pytestmark = pytest.mark.django_db

ALL_FOURS = dict.fromkeys(SAFETY_FIELDS, 4)


def test_one_tap_on_a_light_is_a_whole_checkin(client, alice, couple):
    client.force_login(alice)
    page = client.post("/checkins/", {"light": "green"}, follow=True)
    assertRedirects(page, "/checkins/")
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.light == Light.GREEN
    assert all(getattr(checkin, name) is None for name in SAFETY_FIELDS)
    assert not checkin.answered_statements
    assertContains(page, "all a check-in needs")
    assertContains(page, 'aria-pressed="true"', count=1)


def test_a_note_comes_with_the_tap_and_can_be_saved_on_its_own(client, alice, couple):
    client.force_login(alice)
    client.post("/checkins/", {"light": "yellow", "note": "slow morning"})
    assert CheckIn.objects.get(user=alice).note == "slow morning"
    page = client.get("/checkins/")
    assertContains(page, 'name="light" value="yellow" class="button button--quiet"')
    client.post("/checkins/", {"light": "yellow", "note": "slow morning, better now"})
    assert CheckIn.objects.get(user=alice).note == "slow morning, better now"


def test_before_a_light_no_statement_is_asked(client, alice, couple):
    client.force_login(alice)
    page = client.get("/checkins/")
    assertNotContains(page, "How true are these for you today?")
    assertNotContains(page, 'name="safe"')


def test_the_statements_are_offered_after_the_light_and_each_is_optional(
    client, alice, couple
):
    client.force_login(alice)
    client.post("/checkins/", {"light": "green"})
    assertContains(client.get("/checkins/"), "How true are these for you today?")
    response = client.post("/checkins/statements/", {"safe": 4, "equal": 5})
    assertRedirects(response, "/checkins/")
    checkin = CheckIn.objects.get(user=alice)
    assert (checkin.safe, checkin.equal, checkin.can_say_no) == (4, 5, None)


def test_changing_the_light_keeps_the_statements_already_given(client, alice, couple):
    client.force_login(alice)
    client.post("/checkins/", {"light": "green"})
    client.post("/checkins/statements/", ALL_FOURS)
    client.post("/checkins/", {"light": "yellow"})
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.light == Light.YELLOW
    assert checkin.safe == 4


def test_a_red_day_never_asks_the_statements(client, alice, couple):
    client.force_login(alice)
    client.post("/checkins/", {"light": "red"})
    page = client.get("/checkins/")
    assertContains(page, "Red is a whole answer")
    assertNotContains(page, "How true are these for you today?")
    assertNotContains(page, "statements-heading")
    # A page opened before red was chosen (another tab) saves nothing.
    response = client.post("/checkins/statements/", ALL_FOURS, follow=True)
    assertContains(response, "nothing more is asked of you today")
    assert CheckIn.objects.get(user=alice).safe is None


def test_in_the_first_phase_the_statements_wait_for_when_you_are_ready(
    client, alice, couple
):
    client.force_login(alice)
    client.post("/checkins/", {"light": "green"})
    page = client.get("/checkins/").content.decode()
    assert "When you're ready: feeling safe" in page
    assert "<details>" in page  # folded until opened
    client.post("/checkins/statements/", {"safe": 3})
    assert "<details open>" in client.get("/checkins/").content.decode()


def test_after_the_first_phase_the_statements_are_simply_optional(
    client, alice, couple
):
    journey.propose_advance(membership=active_membership(alice))
    client.force_login(alice)
    client.post("/checkins/", {"light": "green"})
    page = client.get("/checkins/")
    assertContains(page, "Feeling safe (optional)")
    assertNotContains(page, "When you're ready")


def test_an_answer_outside_the_scale_is_refused_and_nothing_saved(
    client, alice, couple
):
    client.force_login(alice)
    client.post("/checkins/", {"light": "green"})
    response = client.post("/checkins/statements/", {"safe": 9})
    assert response.status_code == 400
    assertContains(response, "Please choose a number from 1 to 5", status_code=400)
    assert CheckIn.objects.get(user=alice).safe is None


# Access to the statements view: each person only ever adds to their own check-in.


def test_a_partner_adds_only_to_their_own_checkin(client, alice, bob, couple):
    daily.record_checkin(user=alice, membership=active_membership(alice), light="green")
    client.force_login(bob)
    assert client.post("/checkins/statements/", ALL_FOURS).status_code == 404
    assert CheckIn.objects.get(user=alice).safe is None
    assert not CheckIn.objects.filter(user=bob).exists()


def test_an_outsider_never_reaches_the_couples_checkins(client, alice, couple, charlie):
    daily.record_checkin(user=alice, membership=active_membership(alice), light="green")
    client.force_login(charlie)
    assert client.post("/checkins/statements/", ALL_FOURS).status_code == 404
    assert CheckIn.objects.get(user=alice).safe is None


def test_a_therapist_adds_nothing_to_a_couples_checkins(
    client, alice, bob, couple, theo
):
    make_therapist(theo)
    full_access(couple, theo, alice, bob)
    daily.record_checkin(user=alice, membership=active_membership(alice), light="green")
    client.force_login(theo)
    assert client.post("/checkins/statements/", ALL_FOURS).status_code == 404
    assert CheckIn.objects.get(user=alice).safe is None


def test_the_statements_view_takes_only_posts_from_people_signed_in(client, alice):
    assert client.get("/checkins/statements/").status_code == 405
    response = client.post("/checkins/statements/", ALL_FOURS)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_partners_green_says_it_describes_their_day_not_an_invitation(
    client, alice, bob, couple
):
    client.force_login(bob)
    client.post("/checkins/", {"light": "green"})
    client.force_login(alice)
    client.post("/checkins/", {"light": "yellow"})
    line = "This describes Bob's day; it isn't an invitation."
    page = client.get("/checkins/")
    assertContains(page, "Green — I&#x27;m feeling steady today")
    assertContains(page, line)
    assertContains(client.get("/"), line)
