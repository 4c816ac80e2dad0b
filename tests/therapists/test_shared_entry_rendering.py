"""A journal entry shared with the therapist reads as it does for the partner: the same safe Markdown,
long lines and links wrapped, and raw HTML in the entry never reaching the page as HTML."""

import pytest
from django.urls import reverse

from journal import sharing
from journal.entries import render_body
from tests.journal.factories import EntryFactory

pytestmark = pytest.mark.django_db

LONG_LINK = "https://example.org/" + "a-very-long-path-" * 12
BODY = (
    "We **talked** about the evening, and I _listened_.\n\n"
    "> what I keep coming back to\n\n"
    f"- a walk first\n- then [the article]({LONG_LINK})\n\n"
    '<script>alert("entry")</script><img src=x onerror="alert(1)">'
    '<b onclick="steal()">held</b> [odd](javascript:alert(2))'
)


@pytest.fixture
def shared_with_both(couple, alice):
    entry = EntryFactory(author=alice, body=BODY)
    return sharing.set_sharing(entry=entry, with_partner=True, with_therapist=True)


def journal_page(client, therapist, invite) -> str:
    client.force_login(therapist)
    response = client.get(reverse("therapists:journal_and_letter", args=[invite.code]))
    assert response.status_code == 200
    return response.text


def test_the_therapist_sees_the_entry_rendered_as_the_partner_does(
    client, bob, granted, approved_theo, shared_with_both
):
    page = journal_page(client, approved_theo, granted)
    rendered = render_body(BODY)
    assert rendered in page
    assert "<strong>talked</strong>" in page
    assert "<blockquote>" in page
    assert f'<a href="{LONG_LINK}" rel="noopener noreferrer nofollow">' in page
    client.force_login(bob)
    partner_page = client.get(
        reverse("journal:shared_entry", args=[shared_with_both.code])
    ).text
    assert rendered in partner_page


def test_raw_html_in_an_entry_never_reaches_the_therapist_as_html(
    client, granted, approved_theo, shared_with_both
):
    page = journal_page(client, approved_theo, granted)
    body = page[page.index("From Alice's journal") :]
    for raw in ("<script>alert", "<img", "onerror", "onclick", "javascript:"):
        assert raw not in body, raw


def test_long_lines_and_links_wrap_with_the_journal_styles(
    client, granted, approved_theo, shared_with_both
):
    page = journal_page(client, approved_theo, granted)
    assert 'class="entry-body entry__body"' in page
    assert "css/journal" in page  # where .entry__body wraps anywhere


def test_the_printable_summary_renders_entries_the_same_way(
    client, granted, approved_theo, shared_with_both
):
    client.force_login(approved_theo)
    page = client.get(reverse("therapists:export", args=[granted.code])).text
    assert render_body(BODY) in page
    assert "css/journal" in page
