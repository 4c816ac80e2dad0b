"""The end of a transactional test leaves no other connection holding locks for its flush."""

import psycopg
import pytest
from django.db import connection

from tests.conftest import _quiet_the_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_connection_left_in_a_transaction_is_ended_before_the_flush(alice):
    if connection.vendor != "postgresql":
        pytest.skip("the flush deadlock is PostgreSQL's (TRUNCATE waits for row locks)")
    settings = connection.settings_dict
    # A stand-in for a live-server thread or a worker caught mid-request: it holds a row lock.
    straggler = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    try:
        straggler.execute(
            "SELECT 1 FROM accounts_user WHERE id = %s FOR UPDATE", [alice.pk]
        )

        _quiet_the_database(browser=None)

        with pytest.raises(psycopg.OperationalError):
            straggler.execute("SELECT 1")
    finally:
        straggler.close()
