"""The date-shift runs (`make test-dates`) really run on a moved clock.

`make test-dates` runs the whole suite under `faketime` a year ahead and a year back, with
MEND_CLOCK_SHIFT_DAYS saying by how much. PostgreSQL's server is not under faketime, so its
clock is the real one to compare with: if the shift silently stopped working, this fails.
"""

import datetime
import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

# Outside the date-shift runs the clock is the real one: a shift of none.
SHIFT = int(os.environ.get("MEND_CLOCK_SHIFT_DAYS", "0"))


def test_the_suite_runs_on_the_clock_it_says():
    if connection.vendor != "postgresql":
        pytest.skip("the real clock to compare with is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        server_now = cursor.fetchone()[0]
    moved = datetime.datetime.now(datetime.UTC) - server_now
    assert abs(moved - datetime.timedelta(days=SHIFT)) < datetime.timedelta(hours=1)
