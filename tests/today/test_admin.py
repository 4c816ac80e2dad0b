import pytest

from couples.models import Invitation
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    sign_in_staff(client, UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/couples/couple/",
        "/admin/couples/invitation/",
        "/admin/therapists/therapistprofile/",
    ],
)
def test_staff_can_open_the_admin_pages(staff_client, couple, path):
    assert staff_client.get(path).status_code == 200


def test_the_admin_never_shows_an_invitation_link(staff_client, couple):
    invitation = Invitation.objects.get(couple=couple)
    page = staff_client.get(
        f"/admin/couples/invitation/{invitation.pk}/change/"
    ).content.decode()
    assert invitation.token not in page


def test_staff_can_add_a_person(staff_client):
    response = staff_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new@example.com",
            "display_name": "New",
            "usable_password": "true",
            "password1": "a long and gentle passphrase",
            "password2": "a long and gentle passphrase",
        },
    )
    assert response.status_code == 302


def test_people_who_are_not_staff_are_kept_out(client, alice):
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
