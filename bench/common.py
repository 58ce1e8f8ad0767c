"""What every step of `make bench` shares: paths, settings from the environment,
progress lines and the environment of the Django processes it starts."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


BENCH = ROOT / "bench"


PY = str(ROOT / ".venv" / "bin" / "python")


BIN = ROOT / ".venv" / "bin"


HTTP_SCENARIOS = [
    "home",
    "listing",
    "insights",
    "practice",
    "search",
    "suggest",
    "event",
]


STARTED = time.monotonic()


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DURATION = env_int("BENCH_DURATION", 10)
WARMUP = max(2, DURATION // 4)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 16)


SEED = env_int("BENCH_SEED", 42)


# One key for every process of a run: sessions made by a helper must be valid in
# the servers.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)


def log(message):
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def tick(message):
    sys.stdout.write(f"\r[{time.monotonic() - STARTED:6.1f}s] {message}\033[K")
    sys.stdout.flush()


def django_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vetnet.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL=env.get("BENCH_LOG_LEVEL", "WARNING"),
        # 200 registrations come from one address in the race: no per-IP limit.
        REGISTRATION_RATE_LIMIT="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, check=True, **extra):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=django_env(**extra), check=check
    )


def django_helper(*args):
    out = subprocess.run(
        [PY, "-m", "bench.generate", "--seed", str(SEED), *args],
        cwd=ROOT,
        env=django_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def has_command(name):
    result = subprocess.run(
        [PY, "manage.py", "help", name],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
    )
    return result.returncode == 0


def redis_flush():
    """Empty this benchmark's own Redis database (cache, channel layer)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return
    import redis

    redis.Redis.from_url(url).flushdb()


class Progress:
    """One line, rewritten in place: `label  done/total  rate/s`."""

    def __init__(self, label, total):
        self.label, self.total, self.start = label, total, time.monotonic()
        self.update(0)

    def update(self, done):
        elapsed = max(time.monotonic() - self.start, 1e-6)
        sys.stderr.write(
            f"\r  {self.label:<28} {done:>6}/{self.total:<6} "
            f"{done / elapsed:8.0f}/s {elapsed:6.1f}s"
        )
        sys.stderr.flush()

    def done(self):
        self.update(self.total)
        sys.stderr.write("\n")
