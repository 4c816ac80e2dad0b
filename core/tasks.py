import logging

from celery import shared_task

logger = logging.getLogger(__name__)

# A publish from a web request gets one try: a broker that is down or frozen must cost a person a
# moment, not a hung page. The connection and socket timeouts are in settings
# (CELERY_BROKER_CONNECTION_TIMEOUT, CELERY_BROKER_TRANSPORT_OPTIONS).
REQUEST_PUBLISH = {"retry": False}


@shared_task(ignore_result=False)
def ping() -> str:
    """A round trip through the broker and a worker, used by health checks and tests."""
    return "pong"


def enqueue(task, *args) -> bool:
    """Queues `task` with `args` (ids, never anyone's words) and says whether it was queued.

    Failing to queue never fails what the person did: the caller goes on, and tells them where
    it matters (an invitation email that could not be sent now). The log line names the task and
    the error's kind, nothing more.
    """
    try:
        task.apply_async(args=args, **REQUEST_PUBLISH)
    except (
        Exception
    ) as error:  # the broker is down, frozen or refusing: any of kombu's errors
        logger.warning(
            "Could not queue %s: the broker did not answer (%s)",
            task.name,
            type(error).__name__,
        )
        return False
    return True
