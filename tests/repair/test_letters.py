"""Domain rules of the accountability letter: drafts stay private, versions are kept,
and only the partner it's written to can say they feel heard."""

import pytest

from couples import pairing
from couples.access import active_membership
from couples.models import Role
from repair import letters
from repair.models import Letter, LetterVersion
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

SECTIONS = {
    "what_i_did": "I lied for a year.",
    "how_it_hurt": "You stopped trusting your own memory.",
    "doing_now": "Contact ended; my phone is open.",
    "will_keep_doing": "Answer every question honestly.",
}


def test_only_the_partner_who_broke_trust_writes(alice_m, bob_m):
    assert letters.can_write(bob_m)
    assert not letters.can_write(alice_m)


def test_sending_needs_every_part(bob_m):
    letter = letters.letter_for(bob_m)
    with pytest.raises(letters.LetterError):
        letters.send(letter=letter, sections={**SECTIONS, "doing_now": "  "})
    assert not LetterVersion.objects.exists()


def test_each_sent_version_is_kept(bob_m):
    letter = letters.letter_for(bob_m)
    letters.send(letter=letter, sections=SECTIONS)
    letters.send(letter=letter, sections={**SECTIONS, "what_i_did": "More honestly."})
    assert list(letter.sent.values_list("number", flat=True)) == [2, 1]
    assert letter.sent.get(number=1).what_i_did == "I lied for a year."


def test_only_the_hurt_partner_can_mark_it_witnessed(alice_m, bob_m):
    letter = letters.letter_for(bob_m)
    version = letters.send(letter=letter, sections=SECTIONS)
    with pytest.raises(letters.LetterError):
        letters.respond(version=version, membership=bob_m, kind="heard")
    letters.respond(version=version, membership=alice_m, kind="heard")
    assert Letter.objects.get().witnessed_at is not None


def test_not_yet_asks_for_no_words(alice_m, bob_m):
    version = letters.send(letter=letters.letter_for(bob_m), sections=SECTIONS)
    response = letters.respond(version=version, membership=alice_m, kind="not_yet")
    assert (response.kind, response.missing) == ("not_yet", "")
    letters.respond(
        version=version, membership=alice_m, kind="not_yet", missing="The secrecy."
    )
    assert Letter.objects.get().witnessed_at is None


def test_a_new_version_asks_to_be_read_afresh(alice_m, bob_m):
    letter = letters.letter_for(bob_m)
    version = letters.send(letter=letter, sections=SECTIONS)
    letters.respond(version=version, membership=alice_m, kind="heard")
    letters.send(letter=letter, sections={**SECTIONS, "what_i_did": "More plainly."})
    assert Letter.objects.get().witnessed_at is None


def test_with_mutual_roles_each_writes_and_the_other_witnesses():
    robin, sam = UserFactory(), UserFactory()
    pairing.start_couple(user=robin, role=Role.MUTUAL)
    invitation = pairing.create_invitation(membership=active_membership(robin))
    pairing.accept_invitation(token=invitation.token, user=sam, role=Role.MUTUAL)
    robin_m, sam_m = active_membership(robin), active_membership(sam)
    assert letters.can_write(robin_m)
    assert letters.can_write(sam_m)
    robins = letters.send(letter=letters.letter_for(robin_m), sections=SECTIONS)
    with pytest.raises(letters.LetterError):
        letters.respond(version=robins, membership=robin_m, kind="heard")
    letters.respond(version=robins, membership=sam_m, kind="heard")
    assert Letter.objects.get(author=robin).witnessed_at is not None


def test_draft_text_is_sealed_in_the_database(bob_m):
    from django.db import connection

    letters.save_draft(letter=letters.letter_for(bob_m), sections=SECTIONS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_i_did FROM repair_letter")
        assert "lied" not in cursor.fetchone()[0]


def test_sending_the_same_letter_again_keeps_i_feel_heard(alice_m, bob_m):
    letter = letters.letter_for(bob_m)
    version = letters.send(letter=letter, sections=SECTIONS)
    letters.respond(version=version, membership=alice_m, kind="heard")
    # A double tap, or Send with nothing changed: the same version, and her answer stands.
    again = letters.send(letter=letter, sections={**SECTIONS})
    assert again.pk == version.pk
    assert letter.sent.count() == 1
    assert Letter.objects.get().witnessed_at is not None
    # A real change is a new version that asks to be read afresh.
    changed = letters.send(
        letter=letter, sections={**SECTIONS, "doing_now": "I see a counsellor too."}
    )
    assert changed.number == 2
    assert Letter.objects.get().witnessed_at is None
