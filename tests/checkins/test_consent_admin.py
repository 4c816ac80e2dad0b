"""Staff edit consent items in pairs: a directional item is never saved without its other half."""

import pytest
from django.test import Client

from checkins import consent
from checkins.models import ConsentAnswer, ConsentItem
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff

pytestmark = pytest.mark.django_db

ADD = "/admin/checkins/consentitem/add/"


@pytest.fixture
def staff_client():
    client = Client()
    sign_in_staff(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def form(**fields) -> dict:
    group = ConsentItem.objects.get(slug="sit-close").group
    return {
        "group": group.pk,
        "order": 20,
        "label": "Receiving a slow foot rub",
        "slug": "foot-rub-receiving",
        "published": "on",
        "kind": "shared",
        "counterpart": "",
        **fields,
    }


def test_a_directional_item_without_its_other_half_is_refused(staff_client):
    response = staff_client.post(ADD, form(kind="directional"))
    assert response.status_code == 200
    assert "needs its other half" in response.content.decode()
    assert not ConsentItem.objects.filter(slug="foot-rub-receiving").exists()


def test_a_shared_item_with_a_counterpart_is_refused(staff_client):
    other = ConsentItem.objects.get(slug="sit-close")
    response = staff_client.post(ADD, form(counterpart=other.pk))
    assert "has no other half" in response.content.decode()
    assert not ConsentItem.objects.filter(slug="foot-rub-receiving").exists()


def test_pairing_an_item_points_its_other_half_back(staff_client):
    group = ConsentItem.objects.get(slug="sit-close").group
    giving = ConsentItem.objects.create(
        group=group, slug="foot-rub-giving", label="Giving a slow foot rub", order=21
    )
    response = staff_client.post(ADD, form(kind="directional", counterpart=giving.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    receiving = ConsentItem.objects.get(slug="foot-rub-receiving")
    giving.refresh_from_db()
    assert (receiving.kind, receiving.counterpart_id) == ("directional", giving.pk)
    assert (giving.kind, giving.counterpart_id) == ("directional", receiving.pk)


def test_an_item_already_in_a_pair_cannot_be_taken_into_another(staff_client):
    oral_giving = ConsentItem.objects.get(slug="oral-giving")
    response = staff_client.post(
        ADD, form(kind="directional", counterpart=oral_giving.pk)
    )
    assert "is already paired with" in response.content.decode()
    assert oral_giving.counterpart.slug == "oral-receiving"


def test_a_pair_stays_together(staff_client):
    item = ConsentItem.objects.get(slug="i-initiate")
    other = ConsentItem.objects.get(slug="sit-close")
    response = staff_client.post(
        f"/admin/checkins/consentitem/{item.pk}/change/",
        {
            "group": item.group_id,
            "order": item.order,
            "label": item.label,
            "slug": item.slug,
            "published": "on",
            "kind": "shared",
            "counterpart": "",
        },
    )
    assert "a pair stays together" in response.content.decode()
    item.refresh_from_db()
    assert item.counterpart.slug == "partner-initiates"
    assert other.counterpart is None


def test_answers_to_an_item_that_becomes_one_side_rest_until_looked_at_again(
    alice,
):
    shared = ConsentItem.objects.get(slug="stroke-hair")
    consent.set_answer(user=alice, item=shared, answer="yes")
    new = ConsentItem.objects.create(
        group=shared.group, slug="stroke-hair-giving", label="Stroking your hair"
    )
    consent.pair_items(item=new, counterpart=shared)
    assert ConsentAnswer.objects.get(user=alice).check_again_at is not None
    assert consent.mutual_items(first_user_id=alice.pk, second_user_id=alice.pk) == []
