"""Rate limits for every app, counted by the `limits` library.

One fixed-window limiter serves the public POST forms (vetnet.post_rate_limits),
room messages over the socket and the plain form (forums.services.posting) and the
"send my link again" form of event registration. Counters live in Redis when
REDIS_URL is set, so that a limit holds across every gunicorn and Daphne process;
the embedded default (one process) keeps them in this process's memory.

Rates are written "count/period" as in the settings (REGISTRATION_RATE_LIMIT, ...):
"10/m", "20/m", "10/h"; a number before the unit stretches the period ("10/10s").
"0" or "" turns a limit off.

A storage outage never blocks anyone: the hit is logged and allowed (the forms and
rooms keep working while Redis is down).
"""

import logging
import re

from django.conf import settings
from limits import (
    RateLimitItemPerDay,
    RateLimitItemPerHour,
    RateLimitItemPerMinute,
    RateLimitItemPerSecond,
)
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import FixedWindowRateLimiter

logger = logging.getLogger(__name__)

UNITS = {
    "s": RateLimitItemPerSecond,
    "m": RateLimitItemPerMinute,
    "h": RateLimitItemPerHour,
    "d": RateLimitItemPerDay,
}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
REDIS_TIMEOUT = 2  # seconds: a hung Redis must not hold a request for long


def parse_rate(value):
    """'10/m' -> 10 per minute, '10/10s' -> 10 per 10 seconds; '0' or '' -> None."""
    text = str(value or "").replace(" ", "")
    if text in ("", "0"):
        return None
    match = RATE.match(text)
    if match is None:
        raise ValueError(f"rate limit {value!r} is not written like '10/m'")
    count, multiples, unit = match.groups()
    if int(count) == 0:
        return None
    return UNITS[unit](int(count), int(multiples or 1))


def rate_from_setting(name, default):
    """The rate of settings.<name> (or default), None when it is off."""
    return parse_rate(getattr(settings, name, default))


def period_seconds(rate):
    """Length of the rate's window, e.g. for a Retry-After header."""
    return rate.get_expiry()


_limiters = {}  # storage location -> limiter (settings may change in tests)


def _limiter():
    url = settings.REDIS_URL or ""
    limiter = _limiters.get(url)
    if limiter is None:
        if url:
            storage = RedisStorage(
                url,
                key_prefix=getattr(settings, "RATE_LIMIT_KEY_PREFIX", "ratelimit"),
                wrap_exceptions=True,
                socket_timeout=REDIS_TIMEOUT,
                socket_connect_timeout=REDIS_TIMEOUT,
            )
        else:
            storage = MemoryStorage()
        limiter = _limiters[url] = FixedWindowRateLimiter(storage)
    return limiter


def hit(rate, *identifiers):
    """Count one hit for `identifiers` (e.g. the form's name and a client address).

    Returns False when the hit goes over `rate`; True when it is allowed, when the
    limit is off (rate None) or when the counter storage is unavailable.
    """
    if rate is None:
        return True
    try:
        return _limiter().hit(rate, *[str(part) for part in identifiers])
    except StorageError as error:
        logger.warning("rate limit not counted, storage unavailable: %s", error)
        return True


def reset():
    """Forget every counter of this site (tests start from zero)."""
    try:
        _limiter().storage.reset()
    except StorageError as error:
        logger.warning("rate limits not reset, storage unavailable: %s", error)
