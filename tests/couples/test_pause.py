"""Permission to pause: one tap, no reason; only the partner who paused can resume."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from couples import pause as pausing
from couples.access import active_membership
from couples.models import Pause

pytestmark = pytest.mark.django_db


def test_one_tap_pauses_without_asking_why(client, alice, couple):
    client.force_login(alice)
    response = client.post("/couples/pause/")
    assertRedirects(response, "/couples/pause/")
    assert pausing.is_paused(couple.pk)
    page = client.get("/couples/pause/")
    assertContains(page, "You're taking a pause")
    assertContains(page, "don't owe anyone a reason")


def test_every_page_offers_the_pause_button_to_a_partner(client, alice, couple):
    client.force_login(alice)
    assertContains(client.get("/"), 'action="/couples/pause/"')


def test_a_second_tap_keeps_a_single_pause(client, alice, couple):
    client.force_login(alice)
    client.post("/couples/pause/")
    client.post("/couples/pause/")
    assert Pause.objects.filter(ended_at__isnull=True).count() == 1


def test_the_other_partner_sees_a_gentle_banner_and_no_reason(
    client, alice, bob, couple
):
    pausing.start_pause(
        membership=active_membership(alice), note="I need tonight CANARY-p4u5e"
    )
    client.force_login(bob)
    page = client.get("/")
    assertContains(page, "Your partner is taking a pause")
    assertNotContains(page, "CANARY-p4u5e")
    assertNotContains(page, "You're taking a pause")


def test_only_the_partner_who_paused_can_resume(client, alice, bob, couple):
    pausing.start_pause(membership=active_membership(alice))
    client.force_login(bob)
    client.post("/couples/resume/")
    assert pausing.is_paused(couple.pk)
    client.force_login(alice)
    client.post("/couples/resume/")
    assert not pausing.is_paused(couple.pk)


def test_the_private_note_is_kept_and_sealed(client, alice, couple):
    client.force_login(alice)
    client.post("/couples/pause/")
    response = client.post(
        "/couples/pause/note/", {"note": "Needed air after the call"}
    )
    assertRedirects(response, "/couples/pause/")
    assert Pause.objects.get().note == "Needed air after the call"
    assertContains(client.get("/couples/pause/"), "Needed air after the call")


def test_a_too_long_note_is_kept_with_a_clear_message(client, alice, couple):
    client.force_login(alice)
    client.post("/couples/pause/")
    response = client.post("/couples/pause/note/", {"note": "x" * 2001})
    assert response.status_code == 400
    assertContains(response, "at most 2000 characters", status_code=400)
    assertContains(response, "x" * 2001, status_code=400)


def test_the_pause_signal_fires_after_commit(
    alice, couple, django_capture_on_commit_callbacks
):
    received = []

    def listener(sender, couple_id, **kwargs):
        received.append(couple_id)

    pausing.couple_paused.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            pausing.start_pause(membership=active_membership(alice))
    finally:
        pausing.couple_paused.disconnect(listener)
    assert received == [couple.pk]


def test_someone_without_a_couple_is_sent_home(client, charlie):
    from couples.pairing import leave_couple

    leave_couple(user=charlie)
    client.force_login(charlie)
    assertRedirects(client.post("/couples/pause/"), "/")


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/couples/resume/"), ("get", "/couples/pause/note/")]
)
def test_pause_actions_refuse_other_methods(client, alice, couple, method, path):
    client.force_login(alice)
    assert getattr(client, method)(path).status_code == 405


@pytest.mark.parametrize(
    "path", ["/couples/pause/", "/couples/resume/", "/couples/pause/note/"]
)
def test_anonymous_visitors_cannot_pause(client, path):
    assert client.post(path).status_code == 302
