"""Only the author reaches their entry; a partner reaches only what is shared with them, now."""

import pytest

from couples import pairing
from journal import drafts, sharing
from journal.models import Entry
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

from .factories import EntryFactory, shared_entry

pytestmark = pytest.mark.django_db

AUTHOR_URLS = [
    ("get", "/journal/{code}/"),
    ("get", "/journal/{code}/edit/"),
    ("post", "/journal/{code}/edit/"),
    ("post", "/journal/{code}/autosave/"),
    ("post", "/journal/{code}/sharing/"),
    ("get", "/journal/{code}/delete/"),
    ("post", "/journal/{code}/delete/"),
]
PARTNER_URLS = [
    ("get", "/journal/shared/{code}/"),
    ("post", "/journal/shared/{code}/"),
]
EVERY_ENTRY_URL = AUTHOR_URLS + PARTNER_URLS


@pytest.fixture(autouse=True)
def _another_couple_with_entries_of_its_own(other_couple_with_data):
    """Charlie and Dana, beside Alice and Bob, with a shared and a private entry."""
    return other_couple_with_data


@pytest.fixture
def private(alice, couple):
    return EntryFactory(author=alice, body="private canary words")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def request(client, method, url, code):
    data = {
        "with_partner": "on",
        "what_i_hear": "x",
        "makes_sense": "y",
        "body": "overwritten",
        "written_on": "2026-02-01",
        "draft": "6d7c0b5e-3c55-4bb0-9a4e-6f0f3a3b2d11",
        "revision": "0",
        "window": "6d7c0b5e-3c55-4bb0-9a4e-6f0f3a3b2d12",
    }
    url = url.format(code=code)
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize(("method", "url"), EVERY_ENTRY_URL)
@pytest.mark.parametrize("actor", ["bob", "charlie", "theo", "staff"])
def test_nobody_but_the_author_reaches_a_private_entry(
    client, request_fixture, private, actor, method, url
):
    client.force_login(request_fixture(actor))
    response = request(client, method, url, private.code)
    assert response.status_code == 404
    private.refresh_from_db()
    assert private.body == "private canary words"
    assert not private.is_shared_with_partner


@pytest.fixture
def request_fixture(request):
    return request.getfixturevalue


@pytest.mark.parametrize(("method", "url"), EVERY_ENTRY_URL)
def test_anonymous_visitors_are_sent_to_sign_in(client, private, method, url):
    response = request(client, method, url, private.code)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Entry.objects.filter(pk=private.pk).exists()


@pytest.mark.parametrize(("method", "url"), AUTHOR_URLS)
def test_a_partner_cannot_use_the_authors_urls_even_for_a_shared_entry(
    client, alice, bob, couple, method, url
):
    entry = shared_entry(alice)
    client.force_login(bob)
    assert request(client, method, url, entry.code).status_code == 404


@pytest.mark.parametrize(("method", "url"), PARTNER_URLS)
@pytest.mark.parametrize("actor", ["charlie", "theo", "staff"])
def test_outsiders_never_see_a_shared_entry(
    client, request_fixture, alice, couple, actor, method, url
):
    entry = shared_entry(alice)
    client.force_login(request_fixture(actor))
    assert request(client, method, url, entry.code).status_code == 404


def test_a_therapist_flag_alone_shows_nothing_to_the_partner(
    client, alice, bob, couple
):
    entry = EntryFactory(author=alice)
    sharing.set_sharing(entry=entry, with_partner=False, with_therapist=True)
    client.force_login(bob)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404


def test_the_author_cannot_open_their_own_entry_as_if_shared(client, alice, couple):
    entry = shared_entry(alice)
    client.force_login(alice)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404


def test_unsharing_takes_effect_on_the_next_request(client, alice, bob, couple):
    entry = shared_entry(alice)
    client.force_login(bob)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 200
    sharing.set_sharing(entry=entry, with_partner=False, with_therapist=False)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404
    assert b"Entry number" not in client.get("/journal/shared/").content


@pytest.mark.parametrize("who_leaves", ["alice", "bob"])
def test_after_the_couple_ends_the_former_partner_gets_404(
    client, request_fixture, alice, bob, couple, who_leaves
):
    entry = shared_entry(alice)
    client.force_login(bob)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 200
    pairing.leave_couple(user=request_fixture(who_leaves))
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404
    assert (
        client.post(
            f"/journal/shared/{entry.code}/", {"what_i_hear": "a", "makes_sense": "b"}
        ).status_code
        == 404
    )
    # Nothing was copied: the entry is still Alice's alone, and still hers to read.
    client.force_login(alice)
    assert client.get(f"/journal/{entry.code}/").status_code == 200


def test_a_new_partner_does_not_inherit_an_old_share(client, alice, bob, couple):
    entry = shared_entry(alice)
    pairing.leave_couple(user=alice)
    newcomer = UserFactory(display_name="Sam")
    pair(alice, newcomer)
    client.force_login(newcomer)
    assert client.get(f"/journal/shared/{entry.code}/").status_code == 404
    assert b"Entry number" not in client.get("/journal/shared/").content


def test_a_draft_belongs_to_its_author_alone(client, alice, bob, charlie, couple):
    result = drafts.autosave_draft(
        author=alice,
        code="6d7c0b5e-3c55-4bb0-9a4e-6f0f3a3b2d13",
        revision=0,
        window="6d7c0b5e-3c55-4bb0-9a4e-6f0f3a3b2d14",
        body="half a thought",
    )
    for person in (bob, charlie):
        client.force_login(person)
        url = f"/journal/drafts/{result.draft.code}/discard/"
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert client.get(f"/journal/new/?draft={result.draft.code}").status_code == 200
        assert (
            b"half a thought"
            not in client.get(f"/journal/new/?draft={result.draft.code}").content
        )


def test_each_partner_reaches_only_their_own_couples_shared_entries(
    client, alice, bob, couple, other_couple_with_data
):
    other = other_couple_with_data
    ours = shared_entry(alice, body="alice-shared-canary")
    for reader, own, someone_elses in (
        (bob, ours, other.shared_entry),
        (other.charlie, other.shared_entry, ours),
    ):
        client.force_login(reader)
        listed = client.get("/journal/shared/").text
        assert own.body in listed
        assert someone_elses.body not in listed
        assert own.body in client.get(f"/journal/shared/{own.code}/").text
        for method, url in PARTNER_URLS:
            assert request(client, method, url, someone_elses.code).status_code == 404
    assert not other.shared_entry.acknowledgements.exists()
    assert not ours.acknowledgements.exists()
