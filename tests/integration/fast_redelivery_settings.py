"""Worker settings for fault tests: unacknowledged messages come back within seconds, not an hour.

kombu sweeps for expired messages every `unacked_restore_interval * unacked_restore_throttle` seconds
(100 by default), so both are set to 1 here; the visibility timeout comes from CELERY_VISIBILITY_TIMEOUT.
"""

from tracker.settings import *  # noqa: F403
from tracker.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
