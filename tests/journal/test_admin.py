"""Staff edit content, not lives: the admin shows nothing of the journal."""

import pytest
from django.contrib import admin

from journal.models import Acknowledgement, Draft, Entry, EntryTag
from tests.accounts.factories import UserFactory
from tests.accounts.staff import sign_in_staff

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_no_journal_model_is_registered_in_the_admin():
    for model in (Entry, EntryTag, Draft, Acknowledgement):
        assert not admin.site.is_registered(model)


def test_a_superuser_gets_nothing_from_journal_admin_urls(client, alice):
    entry = EntryFactory(author=alice, body="staff-canary")
    sign_in_staff(client, UserFactory(is_staff=True, is_superuser=True))
    for url in (
        "/admin/journal/",
        "/admin/journal/entry/",
        f"/admin/journal/entry/{entry.pk}/change/",
        "/admin/journal/draft/",
        "/admin/journal/acknowledgement/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"staff-canary" not in response.content
