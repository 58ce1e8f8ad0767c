"""Reading the environment: an unset or empty variable takes the default.

One home for the settings modules (base.py and the modules it imports, dev.py,
production.py, test.py), so that "empty means unset" holds for every variable."""

import os


def env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
