"""R13: every URL pattern, requested by every kind of person, answers only the rightful one.

The walk starts from `get_resolver()`, so a new URL without a row in MATRIX fails this test.
"""

import uuid

import pytest
from django.contrib.admin import AdminSite, ModelAdmin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.models import AuthzDenied

from .world import ACTORS, build_world

pytestmark = pytest.mark.django_db

# Not walked, on purpose, chosen by where a route's view comes from and never by its path: a
# route of Mend's own under accounts/ or admin/ still needs a row.
SKIPPED_VIEWS = {
    # allauth's sign-in, sign-up, password, email, MFA and session pages act only on the signed-in
    # person's own account; test_auth.py covers them (R7-R12).
    "allauth.": "allauth's own account, mfa and usersessions views (R7-R12, test_auth.py)",
}
# Django's admin (an AdminSite's own views and its ModelAdmins') is staff-only by design, with its
# own permission system; R14 (test_r14_admin.py) covers what it shows.
ADMIN_REASON = "the admin has its own permission system, tested in test_r14_admin.py"


def served_by_the_admin(view) -> bool:
    """A view the admin site made: one of an AdminSite's or a ModelAdmin's, however wrapped."""
    if hasattr(view, "admin_site") or hasattr(view, "model_admin"):
        return True  # the admin marks the views it wraps with the site or model admin they serve
    # Else a bound method of the site or of a model admin, under any decorators.
    while view is not None:
        if isinstance(getattr(view, "__self__", None), AdminSite | ModelAdmin):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def skipped_because(entry: URLPattern) -> str | None:
    """Why a route is not walked, decided by where its view comes from; None if it must be."""
    if served_by_the_admin(entry.callback):
        return ADMIN_REASON
    view = entry.lookup_str  # the view's dotted path; a class-based view's class
    for source, reason in SKIPPED_VIEWS.items():
        if view == source or (source.endswith(".") and view.startswith(source)):
            return reason
    return None


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            yield route, (namespace + entry.name) if entry.name else None, entry


def routed_names() -> dict[str, str]:
    names = {}
    for route, name, entry in walk(get_resolver().url_patterns):
        if skipped_because(entry):
            continue
        assert name, f"the URL {route!r} has no name: name it and add it to the matrix"
        names[name] = route
    return names


def missing_rows() -> list[str]:
    """Routed names with no row in the matrix."""
    return sorted(set(routed_names()) - set(MATRIX))


SIGNED_IN = [a for a in ACTORS if a != "anonymous"]
LOGIN = "login"  # a redirect to sign in


def expect(default, anonymous=LOGIN, **actors) -> dict:
    """What each actor gets: `default` for every signed-in actor not named."""
    return {a: actors.get(a, default) for a in SIGNED_IN} | {"anonymous": anonymous}


def couple_only(status, *, other=404, **actors) -> dict:
    """Alice and Bob (the couple the object belongs to) get `status`; everyone else `other`."""
    return expect(other, alice=status, bob=status, **actors)


def own(status, **actors) -> dict:
    """Everyone signed in gets `status`: the page shows only their own things."""
    return expect(status, **actors)


NOT_ALLOWED = expect(405, anonymous=405)  # the method is refused before anything else
UNCOUPLED = {
    "uma": 404,
    "tess": 404,
    "theo": 404,
    "staff": 404,
}  # no couple of their own
NOT_THERAPIST = {
    "alice": 302,
    "bob": 302,
    "charlie": 302,
    "staff": 302,
}  # sent on to Today

# URL name -> {kwargs key in the world (None: no arguments) -> {"get": ..., "post": ...}}.
# A POST carries no data: the rightful actor sees a form error (400), a redirect or the page.
MATRIX = {
    # measures: each person's own; a partner's trend only when that partner shares it.
    "measures:index": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "measures:trend": {"measure": {"get": own(200), "post": NOT_ALLOWED}},
    "measures:take": {"measure": {"get": own(200), "post": own(400)}},
    "measures:sharing": {
        "measure": {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    "measures:partner_trend": {
        "measure": {"get": expect(404, bob=200), "post": NOT_ALLOWED}
    },
    # The couple's cadence: either partner sets it for both; a POST without a choice is refused.
    "measures:cadence": {None: {"get": NOT_ALLOWED, "post": own(400, **UNCOUPLED)}},
    # A therapist's suggestion of a cadence belongs to one couple: anyone else gets 404.
    "measures:accept_cadence": {
        "cadence_suggestion": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "measures:decline_cadence": {
        "cadence_suggestion": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "therapists:cadence": {
        "care_invite": {"get": expect(404, theo=200), "post": expect(404, theo=400)},
        "revoked_invite": {"get": expect(404, tess=403), "post": expect(404, tess=403)},
    },
    "therapists:prep": {
        "care_invite": {"get": expect(404, theo=200), "post": NOT_ALLOWED},
        "revoked_invite": {"get": expect(404, tess=403), "post": NOT_ALLOWED},
    },
    "therapists:acknowledge_flag": {
        # A POST without a flag of theirs finds nothing to mark.
        "care_invite": {"get": NOT_ALLOWED, "post": expect(404)},
        "revoked_invite": {"get": NOT_ALLOWED, "post": expect(404, tess=403)},
    },
    # A therapist's home is their own: sent on to their dashboard.
    "home": {
        None: {
            "get": own(200, anonymous=200, theo=302, tess=302, uma=302),
            "post": NOT_ALLOWED,
        }
    },
    "healthz": {None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}},
    "quick_exit": {None: {"get": NOT_ALLOWED, "post": own(204, anonymous=204)}},
    "join": {
        # The token is the credential. Someone already in a couple is told it has gone; someone
        # signed out sees who invited them and what Mend is, and joins only after signing in.
        "invitation_token": {
            "get": own(200, alice=410, bob=410, charlie=410, anonymous=200),
            "post": own(400, alice=410, bob=410, charlie=410),
        }
    },
    # An email's one link: the prompt's code; its owner is sent on to where it points.
    "go": {"prompt": {"get": expect(404, alice=302), "post": NOT_ALLOWED}},
    # couples
    "couples:start": {
        None: {
            "get": own(200, alice=302, bob=302, charlie=302),
            "post": own(400, alice=302, bob=302, charlie=302),
        }
    },
    "couples:pause": {
        None: {"get": own(302, alice=200, bob=200, charlie=200), "post": own(302)}
    },
    "couples:pause_note": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    # Autosave of a note on one's own pause (Alice's, ended): nothing new posted, answered 200.
    "couples:pause_note_draft": {
        "alice_pause": {"get": NOT_ALLOWED, "post": expect(404, alice=200)}
    },
    "couples:resume": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    # Putting away the word shown after a couple ended: only ever the person's own memberships.
    "couples:put_away_ending": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    "couples:care": {
        None: {
            "get": own(200, **UNCOUPLED),
            "post": own(400, **UNCOUPLED),
        }
    },
    "couples:care_log": {None: {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}},
    "couples:care_consent": {
        "care_invite": {"get": couple_only(200), "post": couple_only(302)}
    },
    "couples:care_revoke": {
        "care_invite": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "couples:invite": {"couple": {"get": couple_only(302), "post": couple_only(302)}},
    # The private safety check and quiet mode: only ever the person's own row, in their couple.
    "safety_check:check": {
        None: {"get": own(200, **UNCOUPLED), "post": own(302, **UNCOUPLED)}
    },
    "safety_check:result": {None: {"get": own(302, **UNCOUPLED), "post": NOT_ALLOWED}},
    "safety_check:not_now": {None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}},
    "safety_check:quiet_on": {
        None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    "safety_check:quiet_off": {
        None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    "couples:leave": {"couple": {"get": couple_only(200), "post": couple_only(302)}},
    # repair
    "repair:index": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "repair:history": {None: {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}},
    "repair:propose_advance": {
        None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    # A suggestion to move on belongs to one couple: anyone else gets 404.
    "repair:confirm_advance": {
        "proposal": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "repair:decline_advance": {
        "proposal": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "repair:withdraw_advance": {
        "proposal": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "repair:step_back": {None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}},
    # Exercises are the content library: every couple reads the same ones.
    "repair:exercise": {
        "exercise": {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}
    },
    "repair:exercise_done": {
        "exercise": {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    "repair:invite": {"exercise": {"get": NOT_ALLOWED, "post": own(400, **UNCOUPLED)}},
    "repair:session": {"session": {"get": couple_only(200), "post": NOT_ALLOWED}},
    "repair:session_live": {"session": {"get": couple_only(200), "post": NOT_ALLOWED}},
    "repair:session_answer": {
        "session": {"get": NOT_ALLOWED, "post": couple_only(400)}
    },
    "repair:session_withdraw": {
        "session": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "repair:session_end": {"session": {"get": NOT_ALLOWED, "post": couple_only(302)}},
    "repair:reflection": {
        "ended_session": {"get": couple_only(200), "post": couple_only(400)}
    },
    # Autosave of her own reflection: an empty save of nothing new is answered 200.
    "repair:reflection_draft": {
        "ended_session": {"get": NOT_ALLOWED, "post": couple_only(200)}
    },
    "repair:letter": {None: {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}},
    # Only the partner who broke trust (Bob) writes the letter.
    "repair:letter_draft": {None: {"get": NOT_ALLOWED, "post": expect(404, bob=302)}},
    "repair:letter_send": {None: {"get": NOT_ALLOWED, "post": expect(404, bob=400)}},
    "repair:letter_respond": {
        "letter_version": {"get": NOT_ALLOWED, "post": couple_only(400)}
    },
    # Only the partner the letter is written to (Alice) autosaves her answer to it.
    "repair:letter_response_draft": {
        "letter_version": {"get": NOT_ALLOWED, "post": expect(404, alice=200)}
    },
    "repair:questions": {None: {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}},
    "repair:question_ask": {None: {"get": NOT_ALLOWED, "post": own(400, **UNCOUPLED)}},
    "repair:question_answer": {
        "question": {"get": NOT_ALLOWED, "post": couple_only(400)}
    },
    # Only the partner asked (Bob) autosaves an answer.
    "repair:question_answer_draft": {
        "question": {"get": NOT_ALLOWED, "post": expect(404, bob=200)}
    },
    # Only the asker brings a question up (an empty choice: 400); her partner may not (403).
    "repair:question_bring_up": {
        "question": {"get": NOT_ALLOWED, "post": expect(404, alice=400, bob=403)}
    },
    # Only the asker settles a question; her partner reads it but may not (403).
    "repair:question_settle": {
        "question": {"get": NOT_ALLOWED, "post": expect(404, alice=302, bob=403)}
    },
    # Testing before sexual exercises: each couple's own; only the partner who was hurt asks.
    "repair:testing": {None: {"get": own(200, **UNCOUPLED), "post": NOT_ALLOWED}},
    "repair:testing_ask": {
        None: {"get": NOT_ALLOWED, "post": own(302, bob=403, **UNCOUPLED)}
    },
    "repair:testing_done": {None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}},
    "repair:testing_withdraw": {
        None: {"get": NOT_ALLOWED, "post": own(302, **UNCOUPLED)}
    },
    # journal
    "journal:index": {None: {"get": own(200), "post": own(200)}},
    "journal:new": {None: {"get": own(200), "post": own(400)}},
    "journal:autosave": {None: {"get": NOT_ALLOWED, "post": own(400)}},
    "journal:shared": {None: {"get": own(200), "post": NOT_ALLOWED}},
    # Only the partner it was shared with; the author has her own page for it.
    # An empty post is the one-tap "I've read it": every word of an acknowledgement is optional.
    "journal:shared_entry": {
        "shared_entry": {"get": expect(404, bob=200), "post": expect(404, bob=302)}
    },
    # Only the partner the entry is shared with (Bob) autosaves his acknowledgement of it.
    "journal:acknowledgement_draft": {
        "shared_entry": {"get": NOT_ALLOWED, "post": expect(404, bob=200)}
    },
    "journal:discard_draft": {
        "draft": {"get": expect(404, alice=200), "post": expect(404, alice=302)}
    },
    "journal:entry": {
        "private_entry": {"get": expect(404, alice=200), "post": NOT_ALLOWED},
        "shared_entry": {"get": expect(404, alice=200), "post": NOT_ALLOWED},
    },
    "journal:edit": {
        "private_entry": {
            "get": expect(404, alice=200),
            "post": expect(404, alice=400),
        },
        "shared_entry": {"get": expect(404, alice=200), "post": expect(404, alice=400)},
    },
    "journal:autosave_edit": {
        "private_entry": {"get": NOT_ALLOWED, "post": expect(404, alice=400)},
        "shared_entry": {"get": NOT_ALLOWED, "post": expect(404, alice=400)},
    },
    "journal:sharing": {
        "private_entry": {"get": NOT_ALLOWED, "post": expect(404, alice=302)},
        "shared_entry": {"get": NOT_ALLOWED, "post": expect(404, alice=302)},
    },
    "journal:delete": {
        "private_entry": {
            "get": expect(404, alice=200),
            "post": expect(404, alice=302),
        },
        "shared_entry": {"get": expect(404, alice=200), "post": expect(404, alice=302)},
    },
    # check-ins: every page is the person's own
    "checkins:today": {None: {"get": own(200), "post": own(400)}},
    # Autosave of the person's own check-in note: nothing new posted, answered 200.
    "checkins:today_note_draft": {None: {"get": NOT_ALLOWED, "post": own(200)}},
    # Statements added to the person's own check-in of today; nobody here has one yet.
    "checkins:statements": {None: {"get": NOT_ALLOWED, "post": own(404)}},
    "checkins:history": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "checkins:consent": {None: {"get": own(200), "post": own(200, alice=302, bob=302)}},
    "checkins:consent_opt_in": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    # Open only once both partners opted in (Alice and Bob have; Charlie and Dana haven't).
    # The item is named in the body, never the URL; a post that names none is a bad request.
    "checkins:consent_answer": {None: {"get": NOT_ALLOWED, "post": couple_only(400)}},
    "checkins:session_light": {
        "session": {"get": NOT_ALLOWED, "post": couple_only(400)}
    },
    # steadying: the grounding screen, the card and the private list are each person's own; the
    # partner's card only for Bob (Alice chose to send hers); the honesty log in the couple only.
    "steadying:ground": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "steadying:flooded": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    "steadying:card": {None: {"get": own(200), "post": own(302)}},
    "steadying:partner_card": {
        None: {"get": expect(404, bob=200), "post": NOT_ALLOWED}
    },
    # Showing one's own private list to one's therapist (or not) is each person's own choice.
    "steadying:history": {None: {"get": own(200), "post": own(302)}},
    # Bob broke trust and writes (an empty note is a form error); Alice and Charlie only read.
    "steadying:honesty": {
        None: {
            "get": own(200, **UNCOUPLED),
            "post": own(403, bob=400, **UNCOUPLED),
        }
    },
    # Only Alice, whom Bob's note is for, thanks it; Bob wrote it (403).
    "steadying:honesty_thanks": {
        "honesty_note": {"get": NOT_ALLOWED, "post": expect(404, alice=302, bob=403)}
    },
    # Each person's own hard dates (an empty post is a form error); only Alice's date is hers to
    # remove. The heads-up guide names no date, so anyone signed in may read it.
    "steadying:hard_dates": {None: {"get": own(200), "post": own(400)}},
    "steadying:hard_date_forget": {
        "hard_date": {"get": NOT_ALLOWED, "post": expect(404, alice=302)}
    },
    "steadying:hard_date_heads_up": {
        "hard_date": {"get": NOT_ALLOWED, "post": expect(404, alice=302)}
    },
    "steadying:heads_up": {None: {"get": own(200), "post": NOT_ALLOWED}},
    # prompts
    "prompts:inbox": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "prompts:badge": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "prompts:mark_all_read": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    "prompts:mark_read": {
        "prompt": {"get": NOT_ALLOWED, "post": expect(404, alice=302)}
    },
    "prompts:preferences": {None: {"get": own(200), "post": own(400)}},
    # The signed token is the credential (one-click unsubscribe from a mail client, signed out).
    "prompts:unsubscribe": {
        "unsubscribe_token": {
            "get": own(200, anonymous=200),
            "post": own(200, anonymous=200),
        }
    },
    # reach: the installable app is the same for everyone; devices are each person's own.
    "reach:manifest": {None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}},
    "reach:service_worker": {
        None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}
    },
    "reach:offline": {None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}},
    # Without push keys (as here) there is nothing to subscribe to: 501, for everyone alike.
    "reach:add_device": {None: {"get": NOT_ALLOWED, "post": own(501)}},
    "reach:remove_device": {
        "device": {"get": NOT_ALLOWED, "post": expect(404, alice=302)}
    },
    # therapists
    "therapists:dashboard": {
        None: {"get": own(200, **NOT_THERAPIST), "post": NOT_ALLOWED}
    },
    "therapists:register": {
        None: {
            "get": own(200),
            "post": own(400, uma=200, tess=200, theo=200),
        }
    },
    "therapists:accept": {
        "waiting_invite": {"get": NOT_ALLOWED, "post": expect(404, theo=302)}
    },
    "therapists:decline": {
        "waiting_invite": {"get": NOT_ALLOWED, "post": expect(404, theo=302)}
    },
    # Theo has both grants; Tess had them until Bob revoked his (403, said calmly).
    "therapists:couple": {
        "care_invite": {"get": expect(404, theo=200), "post": NOT_ALLOWED},
        "revoked_invite": {"get": expect(404, tess=403), "post": NOT_ALLOWED},
    },
    "therapists:journey_and_exercises": {
        "care_invite": {"get": expect(404, theo=200), "post": NOT_ALLOWED},
        "revoked_invite": {"get": expect(404, tess=403), "post": NOT_ALLOWED},
    },
    "therapists:journal_and_letter": {
        "care_invite": {"get": expect(404, theo=200), "post": NOT_ALLOWED},
        "revoked_invite": {"get": expect(404, tess=403), "post": NOT_ALLOWED},
    },
    "therapists:export": {
        "care_invite": {"get": expect(404, theo=200), "post": NOT_ALLOWED},
        "revoked_invite": {"get": expect(404, tess=403), "post": NOT_ALLOWED},
    },
    "therapists:add_note": {
        "care_invite": {"get": NOT_ALLOWED, "post": expect(404, theo=400)},
        "revoked_invite": {"get": NOT_ALLOWED, "post": expect(404, tess=403)},
    },
    # Autosave of the therapist's own private note: refused like the note itself.
    "therapists:note_draft": {
        "care_invite": {"get": NOT_ALLOWED, "post": expect(404, theo=200)},
        "revoked_invite": {"get": NOT_ALLOWED, "post": expect(404, tess=403)},
    },
    "therapists:suggest": {
        "care_invite": {"get": NOT_ALLOWED, "post": expect(404, theo=400)},
        "revoked_invite": {"get": NOT_ALLOWED, "post": expect(404, tess=403)},
    },
    "therapists:take_up": {
        "suggestion": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    "therapists:set_aside": {
        "suggestion": {"get": NOT_ALLOWED, "post": couple_only(302)}
    },
    # privacy: every page is the person's own
    "privacy:settings": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "accounts:name": {None: {"get": own(200), "post": own(400)}},
    "accounts:first_step": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    "privacy:settings_country": {None: {"get": NOT_ALLOWED, "post": own(302)}},
    "privacy:export": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "privacy:export_download": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "privacy:export_document": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "privacy:export_document_download": {None: {"get": own(200), "post": NOT_ALLOWED}},
    "privacy:delete": {None: {"get": own(200), "post": own(200)}},
    "privacy:deleted": {None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}},
    "privacy:safety": {None: {"get": own(200, anonymous=200), "post": NOT_ALLOWED}},
    "privacy:safety_reset": {None: {"get": NOT_ALLOWED, "post": own(400)}},
}


def request_as(clients, actor, method, url):
    """One request, rolled back afterwards so the world stays the same for the next."""
    client = clients[actor]
    cookies = dict(client.cookies.items())
    before = AuthzDenied.objects.count()
    with transaction.atomic():
        response = getattr(client, method)(url)
        denied = AuthzDenied.objects.count() - before
        transaction.set_rollback(True)
    for key, morsel in cookies.items():
        client.cookies[key] = morsel
    return response, denied


def outcome(response) -> int | str:
    if response.status_code == 302 and response.url.startswith(
        reverse("account_login")
    ):
        return "login"
    return response.status_code


@pytest.fixture
def world_and_clients():
    world = build_world()
    add_measures(world)
    clients = {}
    for actor in ACTORS:
        clients[actor] = Client()
        if world.people[actor] is not None:
            clients[actor].force_login(world.people[actor])
    return world, clients


def add_measures(world) -> None:
    """A measure to look at, a trend Alice shares with Bob, and Theo's suggested cadence."""
    from couples.access import active_membership
    from couples.models import CareTeamInvite
    from measures import cadence, responses
    from measures.models import Instrument

    alice = world.people["alice"]
    couple = active_membership(alice).couple
    # Alice lets Bob follow her well-being trend in the couple they are in now.
    responses.set_trend_shared(
        person=alice,
        couple=couple,
        instrument=Instrument.objects.get(slug="who-5"),
        shared=True,
    )
    world.kwargs["measure"] = {"slug": "who-5"}
    suggestion = cadence.suggest(
        invite=CareTeamInvite.objects.get(**world.kwargs["care_invite"]),
        weeks=2,
        therapist=world.people["theo"],
    )
    world.kwargs["cadence_suggestion"] = {"code": suggestion.code}


def test_r13_every_url_is_in_the_matrix():
    missing = missing_rows()
    assert not missing, "".join(f"\nadd {name} to the matrix" for name in missing)
    gone = sorted(set(MATRIX) - set(routed_names()))
    assert not gone, f"these matrix rows name no URL any more: {gone}"


@override_settings(ROOT_URLCONF="tests.security.urls_with_mend_routes_under_accounts")
def test_r13_a_mend_route_under_a_third_party_path_still_needs_a_row():
    """Routes of Mend's own under accounts/ and admin/ are walked; only allauth's and the admin's are not."""
    assert missing_rows() == ["admin_mend_report", "extra_account_page"]
    assert routed_names()["extra_account_page"] == "accounts/extra/"


def test_r13_the_skipped_routes_are_the_admin_and_allauth_and_nothing_else():
    skipped = {
        route: skipped_because(entry)
        for route, _, entry in walk(get_resolver().url_patterns)
        if skipped_because(entry)
    }
    assert "admin/" in skipped
    assert "accounts/login/" in skipped
    for route, reason in skipped.items():
        assert route.startswith("admin/" if reason == ADMIN_REASON else "accounts/")


def test_r13_authorization_matrix(world_and_clients):
    world, clients = world_and_clients
    routes = routed_names()
    wrong = []
    for name in routes:
        assert name in MATRIX, f"add {name} to the matrix"
        for key, methods in MATRIX[name].items():
            url = reverse(name, kwargs=world.kwargs[key] if key else {})
            for method in ("get", "post"):
                for actor in ACTORS:
                    response, denied = request_as(clients, actor, method, url)
                    got = outcome(response)
                    want = methods[method][actor]
                    if got != want:
                        wrong.append(
                            f"{method.upper()} {name} [{key}] as {actor}: {got}, expected {want}"
                        )
                    # Every refusal of a signed-in person leaves one line in the log; nothing else does.
                    refused = actor != "anonymous" and got in (403, 404)
                    if denied != int(refused):
                        wrong.append(
                            f"{method.upper()} {name} [{key}] as {actor}: {denied} authz_denied rows"
                        )
    assert not wrong, "\n".join(wrong)


def test_r13_an_unknown_code_is_not_found_for_everyone(world_and_clients):
    world, clients = world_and_clients
    wrong = []
    for route, name, entry in walk(get_resolver().url_patterns):
        if name not in MATRIX or "code" not in entry.pattern.converters:
            continue
        url = reverse(name, kwargs={"code": uuid.uuid4()})
        for method in ("get", "post"):
            allowed = next(iter(MATRIX[name].values()))[method]["alice"] != 405
            for actor in SIGNED_IN:
                got = outcome(request_as(clients, actor, method, url)[0])
                want = {405} if not allowed else {403, 404}
                if got not in want:
                    wrong.append(f"{method.upper()} {route} as {actor}: {got}")
    assert not wrong, "\n".join(wrong)


def test_r13_a_refused_private_entry_is_logged_without_what_it_holds(
    world_and_clients,
):
    world, clients = world_and_clients
    code = world.kwargs["private_entry"]["code"]
    bob = world.people["bob"]
    response = clients["bob"].get(reverse("journal:entry", args=[code]))
    assert response.status_code == 404
    logged = AuthzDenied.objects.get()
    assert (logged.user_id, logged.status) == (bob.pk, 404)
    assert logged.path == f"/journal/{code}/"
    # A token in a path is a credential: only the route's pattern is kept.
    token = world.kwargs["invitation_token"]["token"]
    clients["alice"].get(f"/join/{token}x/")
    assert not AuthzDenied.objects.filter(path__contains=token).exists()
    # Anonymous visitors and unknown addresses leave nothing.
    clients["anonymous"].get(reverse("journal:entry", args=[code]))
    clients["bob"].get("/no-such-page/")
    assert (
        AuthzDenied.objects.count()
        == 1 + AuthzDenied.objects.filter(path="/join/<str:token>/").count()
    )
