"""The containers' own health checks: `python -m config.healthcheck web|beat`.

Kept free of Django so a check costs milliseconds, not a settings import every interval.

web:  asks the app's /healthz over plain http from inside the container, with a Host the app
      accepts (the first entry of ALLOWED_HOSTS) — 127.0.0.1 is rarely an allowed host in
      production, and a DisallowedHost 400 would mark a healthy container unhealthy.
beat: beat touches a heartbeat file on every tick (config/beat.py); a file older than a few
      ticks means beat has stopped scheduling, even if its process is still there.
"""

import os
import sys
import time
import urllib.error
import urllib.request

WEB_URL = "http://127.0.0.1:8000/healthz"
BEAT_HEARTBEAT = os.environ.get("BEAT_HEARTBEAT_FILE", "/tmp/celerybeat-heartbeat")
BEAT_STALE_AFTER_SECONDS = 120


def host_for_check(allowed_hosts: str) -> str:
    """A host name ALLOWED_HOSTS accepts: '.example.org' allows example.org itself; '*' anything."""
    for host in (h.strip() for h in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def web_is_healthy(url: str = WEB_URL, allowed_hosts: str | None = None) -> bool:
    hosts = (
        os.environ.get("ALLOWED_HOSTS", "") if allowed_hosts is None else allowed_hosts
    )
    request = urllib.request.Request(url, headers={"Host": host_for_check(hosts)})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def beat_is_healthy(path: str = BEAT_HEARTBEAT, now: float | None = None) -> bool:
    try:
        age = (time.time() if now is None else now) - os.stat(path).st_mtime
    except OSError:
        return False
    return age < BEAT_STALE_AFTER_SECONDS


def main(argv: list[str]) -> int:
    checks = {"web": web_is_healthy, "beat": beat_is_healthy}
    if len(argv) != 1 or argv[0] not in checks:
        print("usage: python -m config.healthcheck web|beat", file=sys.stderr)
        return 2
    return 0 if checks[argv[0]]() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
