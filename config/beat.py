"""Celery beat's scheduler, plus a heartbeat the container health check reads.

Run beat with `--scheduler config.beat:HeartbeatScheduler --max-interval 30`: every tick (at most
30 s apart) touches the heartbeat file, so a beat that hangs or stops ticking goes unhealthy.
"""

import os
from pathlib import Path

from celery.beat import PersistentScheduler


class HeartbeatScheduler(PersistentScheduler):
    heartbeat = Path(os.environ.get("BEAT_HEARTBEAT_FILE", "/tmp/celerybeat-heartbeat"))

    def tick(self, *args, **kwargs):
        self.heartbeat.touch()
        return super().tick(*args, **kwargs)
