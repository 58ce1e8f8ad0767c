"""Settings for the Daphne subprocesses the multi-process and browser tests start:
the test settings, with static files served from the app folders (no collectstatic)."""

from vetnet.settings.test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
# Notice a Redis outage within seconds rather than the production 15 s.
FORUMS_PRESENCE_HEARTBEAT = 2
