"""The one autosave endpoint pattern (core.autosave), through the letter's draft endpoint."""

import logging

import pytest
from django.test import Client

from core.autosave import revision
from repair.models import Letter

pytestmark = pytest.mark.django_db

URL = "/repair/letter/draft/"
EMPTY = revision(["", "", "", ""])


def autosave(client, what_i_did: str, *bases: str, **extra):
    return client.post(
        URL, {"what_i_did": what_i_did, "autosave_base": list(bases), **extra}
    )


def test_the_same_revision_python_and_the_page_compute():
    # Worked out by static/js/autosave.js in a browser, for text with CRLF and an emoji.
    assert revision(["Héllo\r\nw😀", ""]) == "4265198003123993"
    assert revision(["Héllo\nw😀", ""]) == "4265198003123993"


def test_a_save_from_the_revision_saved_now_is_stored_and_answered(client, bob, couple):
    client.force_login(bob)
    response = autosave(client, "First words.\r\nSecond line.", EMPTY)
    assert response.status_code == 200
    assert response.json() == {
        "revision": revision(["First words.\nSecond line.", "", "", ""])
    }
    assert Letter.objects.get(author=bob).what_i_did == "First words.\nSecond line."


def test_a_stale_revision_is_refused_with_the_newest_text(client, bob, couple):
    client.force_login(bob)
    autosave(client, "From the phone.", EMPTY)
    response = autosave(client, "From the laptop, which never saw it.", EMPTY)
    assert response.status_code == 409
    assert response.json() == {
        "revision": revision(["From the phone.", "", "", ""]),
        "fields": {
            "what_i_did": "From the phone.",
            "how_it_hurt": "",
            "doing_now": "",
            "will_keep_doing": "",
        },
    }
    assert Letter.objects.get(author=bob).what_i_did == "From the phone."


def test_a_save_sent_while_an_earlier_one_was_unanswered_still_lands(
    client, bob, couple
):
    client.force_login(bob)
    autosave(client, "One", EMPTY)  # its answer never reached the page
    pending = revision(["One", "", "", ""])
    assert autosave(client, "One two", EMPTY, pending).status_code == 200
    assert Letter.objects.get(author=bob).what_i_did == "One two"


def test_the_same_text_again_is_no_conflict(client, bob, couple):
    client.force_login(bob)
    autosave(client, "Same", EMPTY)
    assert autosave(client, "Same", EMPTY).status_code == 200


def test_a_beacon_with_the_form_token_is_accepted(bob, couple):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bob)
    page = browser.get("/repair/letter/")
    token = page.context["csrf_token"]
    response = browser.post(
        URL,
        {
            "csrfmiddlewaretoken": str(token),
            "what_i_did": "Sent as the tab closed.",
            "autosave_base": EMPTY,
            "autosave_nonce": "abc123",
        },
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 200
    assert Letter.objects.get(author=bob).what_i_did == "Sent as the tab closed."


def test_a_post_without_the_token_is_refused(bob, couple):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bob)
    assert (
        browser.post(URL, {"what_i_did": "x", "autosave_base": EMPTY}).status_code
        == 403
    )
    assert not Letter.objects.filter(author=bob).exclude(what_i_did="").exists()


def test_someone_who_does_not_write_this_letter_gets_404(
    client, alice, couple, charlie
):
    client.force_login(alice)  # the hurt partner witnesses; she writes no letter here
    assert autosave(client, "x", EMPTY).status_code == 404
    assert not Letter.objects.filter(author=alice).exists()


def test_someone_outside_any_couple_gets_404(client, db):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory())
    assert autosave(client, "x", EMPTY).status_code == 404


def test_signed_out_saves_go_to_sign_in(client, bob, couple):
    response = autosave(client, "x", EMPTY)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_too_long_text_is_refused_and_says_why(client, bob, couple):
    client.force_login(bob)
    response = autosave(client, "x" * 20_001, EMPTY)
    assert response.status_code == 400
    assert "longer than" in response.json()["problem"]


def test_what_is_written_never_reaches_the_logs(client, bob, couple, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(bob)
    autosave(client, "Nobody else may read this.", EMPTY)
    autosave(client, "Nor this, refused as stale.", EMPTY)
    assert "Nobody else" not in caplog.text
    assert "Nor this" not in caplog.text


def test_the_writing_page_is_never_cached(client, bob, couple):
    client.force_login(bob)
    assert "no-store" in client.get("/repair/letter/")["Cache-Control"]


def test_a_reload_waits_for_the_beacon_its_page_sent_as_it_went(client, bob, couple):
    client.force_login(bob)
    autosave(client, "Beaconed.", EMPTY, autosave_nonce="n1")
    client.cookies["mend_autosave_wait"] = "n1"
    page = client.get("/repair/letter/")
    assert "Beaconed." in page.content.decode()
    assert page.cookies["mend_autosave_wait"]["max-age"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_beacon_says_it_landed_only_once_its_writing_is_committed(
    bob, couple, monkeypatch
):
    # Writing kept in AutosavedText is saved inside a transaction; a reload told "landed" before
    # the commit would read the words from before this save (seen as a flaky reload test).
    from django.db import connection

    from core import autosave as core_autosave
    from core.models import AutosavedText

    seen = []

    class WatchingCache:
        def __getattr__(self, name):
            return getattr(real, name)

        def set(self, key, *args, **kwargs):
            kept = AutosavedText.objects.get(owner=bob).text
            seen.append((connection.in_atomic_block, kept))
            return real.set(key, *args, **kwargs)

    real = core_autosave.cache
    monkeypatch.setattr(core_autosave, "cache", WatchingCache())
    client = Client()
    client.force_login(bob)
    client.post(
        "/checkins/note/draft/",
        {"note": "Landed.", "autosave_base": revision([""]), "autosave_nonce": "n2"},
    )
    assert seen == [(False, '{"note": "Landed."}')]


def test_the_wait_cookie_is_let_go_for_the_page_s_own_address(client, bob, couple):
    # The page names its leaving beacon for its own address only (static/js/autosave.js).
    client.force_login(bob)
    autosave(client, "Beaconed.", EMPTY, autosave_nonce="n3")
    client.cookies["mend_autosave_wait"] = "n3"
    page = client.get("/repair/letter/")
    assert page.cookies["mend_autosave_wait"]["path"] == "/repair/letter/"


def test_htmx_asking_the_writing_page_for_a_part_never_waits(
    client, bob, couple, monkeypatch
):
    # The cookie stays while the writing is unsaved: a part of the page fetched meanwhile must
    # not wait for a beacon that has not been sent yet.
    from core import autosave as core_autosave

    slept = []
    monkeypatch.setattr(core_autosave.time, "sleep", slept.append)
    client.force_login(bob)
    client.cookies["mend_autosave_wait"] = "not-sent-yet"
    page = client.get("/repair/letter/", headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert slept == []
    assert "mend_autosave_wait" not in page.cookies
