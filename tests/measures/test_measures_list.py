"""The measures list in words that are true for each partner: what the partner may see, the PCL-5
described in a way that fits the person's part in what happened, and a plain "Answer it"."""

import importlib
from html import unescape

import pytest
from django.apps import apps
from django.test import Client

from couples.models import Role
from measures import starter_content
from measures.models import Instrument
from tests.accounts.factories import UserFactory
from tests.couples.factories import pair

pytestmark = pytest.mark.django_db

DISCOVERY = "how the discovery of the betrayal has stayed with you"
HARD_EXPERIENCE = "Twenty questions about how a hard experience has stayed with you over the past month."


def page_for(user, path="/measures/") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_intro_says_the_partner_sees_a_score_only_if_it_is_shared(alice, couple):
    page = page_for(alice)
    assert (
        "Your partner never sees your answers, and sees a score only if you choose"
        " to share it;"
    ) in page
    assert "your partner never sees them" not in page


def test_the_pcl5_is_described_for_the_part_each_partner_played(alice, bob, couple):
    hurt = page_for(alice)
    assert DISCOVERY in hurt
    assert HARD_EXPERIENCE not in hurt
    broke_trust = page_for(bob)
    assert HARD_EXPERIENCE in broke_trust
    assert DISCOVERY not in broke_trust


def test_where_both_broke_trust_and_alone_the_usual_words_stay(db):
    robin = UserFactory(email="robin@example.com", display_name="Robin")
    sam = UserFactory(email="sam@example.com", display_name="Sam")
    pair(robin, sam, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    assert DISCOVERY in page_for(sam)
    alone = UserFactory(email="uma@example.com", display_name="Uma")
    assert DISCOVERY in page_for(alone)


def test_the_buttons_say_answer_it(alice, couple):
    for path in ("/measures/", "/measures/who-5/"):
        page = page_for(alice, path)
        assert ">Answer it</a>" in page
        assert "Answer it now" not in page


def test_loading_the_content_again_changes_nothing_and_keeps_both_descriptions():
    assert starter_content.load() == 0  # the test database already has them
    pcl5 = Instrument.objects.get(slug="pcl-5")
    assert DISCOVERY in pcl5.about
    assert pcl5.about_involved == HARD_EXPERIENCE
    # Words a member of staff changed in the admin are never undone by a re-run.
    Instrument.objects.filter(pk=pcl5.pk).update(about_involved="Staff's own words.")
    assert starter_content.load() == 0
    pcl5.refresh_from_db()
    assert pcl5.about_involved == "Staff's own words."


def test_an_install_from_before_gets_the_words_from_its_migration():
    Instrument.objects.filter(slug="pcl-5").update(about_involved="")
    migration = importlib.import_module("measures.migrations.0003_about_involved")
    migration.add_pcl5_words(apps, None)
    assert Instrument.objects.get(slug="pcl-5").about_involved == HARD_EXPERIENCE
