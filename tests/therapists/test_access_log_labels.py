"""The couple's "who has seen what" says which part of their page the therapist looked at, in plain
words: the overview, the journey and exercises, the journal and letter, the printable summary."""

import pytest
from django.urls import reverse

from couples.models import AccessEvent

pytestmark = pytest.mark.django_db

PARTS = {
    "therapists:couple": "Theo looked at the overview of what you share",
    "therapists:journey_and_exercises": "Theo looked at your journey and exercises",
    "therapists:journal_and_letter": "Theo read the journal entries and letter you share",
    "therapists:export": "Theo opened the printable summary of everything you share",
}


def log_seen_by(client, partner) -> str:
    client.force_login(partner)
    response = client.get(reverse("couples:care_log"))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(("page", "words"), PARTS.items())
def test_each_part_a_therapist_opens_is_named_in_the_couples_log(
    client, alice, bob, granted, approved_theo, page, words
):
    client.force_login(approved_theo)
    assert client.get(reverse(page, args=[granted.code])).status_code == 200
    for partner in (alice, bob):
        log = log_seen_by(client, partner)
        assert words in log
        others = [w for w in PARTS.values() if w != words]
        assert not any(other in log for other in others)


def test_every_kind_of_look_has_words_for_the_couple():
    for what in AccessEvent.What:
        assert what.label
        assert what.label != what.value
        assert "_" not in what.label


def test_looks_logged_before_the_page_had_parts_keep_their_wording(
    client, alice, couple
):
    AccessEvent.objects.create(
        couple_id=couple.pk,
        viewer_id=0,
        viewer_name="Theo",
        what=AccessEvent.What.COUPLE_PAGE,
    )
    assert "Theo looked at what you share" in log_seen_by(client, alice)
