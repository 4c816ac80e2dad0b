"""The author's journal: newest first, unfinished drafts, search and filters, pages."""

import datetime
import uuid

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal import drafts

from .conftest import HTMX
from .factories import EntryFactory, shared_entry

pytestmark = pytest.mark.django_db


def test_it_lists_only_my_entries_newest_first(client, alice, bob):
    EntryFactory(author=alice, body="older one", written_on=datetime.date(2026, 1, 2))
    EntryFactory(author=alice, body="newer one", written_on=datetime.date(2026, 3, 2))
    EntryFactory(author=bob, body="bob's own")
    client.force_login(alice)
    response = client.get("/journal/")
    page = response.content.decode()
    assert page.index("newer one") < page.index("older one")
    assertNotContains(response, "bob&#x27;s own")
    assertContains(
        response, "<title>Notes</title>", html=False
    )  # discreet mode, on by default


def test_an_empty_journal_invites_without_pressure(client, alice):
    client.force_login(alice)
    assertContains(client.get("/journal/"), "a few lines are plenty")


def test_excerpts_are_plain_text(client, alice):
    EntryFactory(author=alice, body="A *soft* day & <b>bold</b>")
    client.force_login(alice)
    assertContains(client.get("/journal/"), "A soft day &amp; bold")


def test_excerpts_drop_the_marks_people_type():
    from journal.entries import plain_excerpt

    text = "# Sunday\n\n- we _walked_ **slowly**\n> and [talked](https://example.org)"
    assert plain_excerpt(text) == "Sunday we walked slowly and talked"
    assert plain_excerpt("word " * 100, length=20) == "word word word word…"


def test_unfinished_drafts_are_listed_with_a_way_back_in(client, alice):
    result = drafts.autosave_draft(
        author=alice, code=uuid.uuid4(), revision=0, window=uuid.uuid4(), body="half"
    )
    client.force_login(alice)
    response = client.get("/journal/")
    assertContains(response, "Unfinished writing")
    assertContains(response, f"/journal/new/?draft={result.draft.code}")
    assertContains(response, f"/journal/drafts/{result.draft.code}/discard/")


def test_shared_entries_are_marked(client, alice, couple):
    shared_entry(alice)
    client.force_login(alice)
    assertContains(client.get("/journal/"), "Shared with your partner")


def test_filters_by_text_tag_mood_and_dates(client, alice):
    EntryFactory(
        author=alice,
        body="The garden helped",
        mood="hopeful",
        tags=["avoidance"],
        written_on=datetime.date(2026, 4, 10),
    )
    EntryFactory(
        author=alice,
        body="A long night",
        mood="sad",
        tags=["panic_tears"],
        written_on=datetime.date(2026, 2, 1),
    )
    client.force_login(alice)

    def titles(**filters):
        return client.post("/journal/", filters, headers=HTMX).content.decode()

    assert "garden" in titles(q="GARDEN")
    assert "long night" not in titles(q="GARDEN")
    assert "long night" in titles(tag="panic_tears")
    assert "garden" not in titles(tag="panic_tears")
    assert "garden" in titles(mood="hopeful")
    assert "long night" not in titles(mood="hopeful")
    assert "garden" in titles(date_from="2026-03-01")
    assert "long night" not in titles(date_from="2026-03-01")
    assert "long night" in titles(date_to="2026-03-01", q="night")
    assert "No entries match" in titles(q="nothing like this")


def test_search_words_never_reach_the_url(client, alice):
    client.force_login(alice)
    response = client.post("/journal/", {"q": "secret words"})
    assert response.status_code == 200
    assertContains(response, 'method="post" action="/journal/"')
    assertNotContains(response, "?q=")


def test_pages_of_twenty(client, alice):
    for n in range(25):
        EntryFactory(author=alice, body=f"number-{n:02d}-entry")
    client.force_login(alice)
    first = client.get("/journal/")
    assertContains(first, "Page 1 of 2")
    assert first.content.decode().count('class="card entry-card"') == 20
    second = client.get("/journal/?page=2")
    assert second.content.decode().count('class="card entry-card"') == 5
    filtered = client.post("/journal/", {"q": "entry", "page": "2"}, headers=HTMX)
    assert filtered.content.decode().count('class="card entry-card"') == 5
    assertContains(filtered, 'name="page" value="1"')


@pytest.mark.parametrize("count", [1, 20, 200])
def test_the_query_count_stays_the_same_as_entries_grow(
    client, alice, couple, count, django_assert_max_num_queries
):
    for _ in range(count):
        EntryFactory(author=alice, tags=["flashbacks", "pressure"])
    client.force_login(alice)
    # docs/promises.md, R32: at most 8 queries, the same bound whatever the number of entries.
    with django_assert_max_num_queries(7):
        assert client.get("/journal/").status_code == 200
    with django_assert_max_num_queries(7):
        assert (
            client.post("/journal/", {"q": "evening", "tag": "pressure"}).status_code
            == 200
        )


def test_htmx_gets_only_the_list(client, alice):
    client.force_login(alice)
    response = client.post("/journal/", {"q": "x"}, headers=HTMX)
    assert b"<html" not in response.content
    assertContains(response, 'id="entry-list"')


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/journal/")["Location"].startswith("/accounts/login/")


def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    assert client.put("/journal/").status_code == 405
    assert client.delete("/journal/").status_code == 405
