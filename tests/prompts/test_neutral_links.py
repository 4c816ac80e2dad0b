"""R38: an email's link is /go/<opaque id>/, which leads where the prompt points after sign-in."""

import datetime
import re

import pytest
from django.test import Client

from prompts.emails import render_email
from prompts.models import Kind, Prompt

pytestmark = pytest.mark.django_db


@pytest.fixture
def prompt(alice):
    return Prompt.objects.create(
        user=alice,
        kind=Kind.SHARED,
        key="entry:x",
        local_date=datetime.date(2026, 1, 5),
        text="Something new",
        link="/journal/shared/00000000-0000-0000-0000-000000000000/",
    )


def test_r38_the_email_links_to_the_neutral_path_only(prompt):
    message = render_email(prompt)
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    assert f"/go/{prompt.code}/" in links[0]
    assert "/journal/" not in message.body + message.alternatives[0][0]


def test_signed_out_the_neutral_path_signs_in_first_and_keeps_only_itself(prompt):
    response = Client().get(f"/go/{prompt.code}/")
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/go/{prompt.code}/"


def test_signed_in_it_goes_where_the_prompt_points_and_reads_it(alice, prompt):
    client = Client()
    client.force_login(alice)
    response = client.get(f"/go/{prompt.code}/")
    assert response.status_code == 302
    assert response.url == prompt.link
    prompt.refresh_from_db()
    assert prompt.read_at is not None


def test_someone_elses_prompt_is_not_found(bob, prompt):
    client = Client()
    client.force_login(bob)
    assert client.get(f"/go/{prompt.code}/").status_code == 404
