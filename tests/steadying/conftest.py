import datetime

import pytest
import time_machine

from couples.access import active_membership
from couples.models import Role
from steadying import flooding, honesty
from tests.accounts.factories import PASSWORD  # noqa: F401
from tests.couples.factories import pair

# A fixed, ordinary afternoon in London: outside everyone's quiet hours, whatever today is.
NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


def write_card(user, *, send=True, history=False, helps="Sit with me, no talking."):
    return flooding.save_card(
        user=user,
        helps=helps,
        does_not_help="Explaining what happened.",
        send_to_partner=send,
        keep_history=history,
    )


def note_by(user, body="I got a message today and didn't answer.", corrects=None):
    return honesty.write_note(
        membership=active_membership(user), body=body, corrects=corrects
    )


@pytest.fixture
def mutual_pair(db):
    from tests.accounts.factories import UserFactory

    sam = UserFactory(email="sam@example.com", display_name="Sam")
    kit = UserFactory(email="kit@example.com", display_name="Kit")
    pair(sam, kit, first_role=Role.MUTUAL, second_role=Role.MUTUAL)
    return sam, kit
