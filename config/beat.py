"""Celery beat's scheduler, plus a heartbeat the container health check reads.

Run beat with `--scheduler config.beat:HeartbeatScheduler --max-interval 30`: every tick (at most
30 s apart) touches the heartbeat file, so a beat that hangs or stops ticking goes unhealthy.
"""

import os
import time
from pathlib import Path

from celery.beat import PersistentScheduler


class HeartbeatScheduler(PersistentScheduler):
    heartbeat = Path(os.environ.get("BEAT_HEARTBEAT_FILE", "/tmp/celerybeat-heartbeat"))

    def tick(self, *args, **kwargs):
        self.heartbeat.touch()
        # Stamped with this process's own clock, the one the health check compares against
        # (a bare touch takes the kernel's time, which a shifted test clock doesn't move).
        now = time.time()
        os.utime(self.heartbeat, (now, now))
        return super().tick(*args, **kwargs)
