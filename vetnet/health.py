"""Health of the services the site depends on: /healthz, for monitoring.

It lives in the project package because it looks at every layer (database,
channel layer, the search app's backend).
"""

import asyncio
import logging
import time
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK = "ok"
DEGRADED = "degraded"
DOWN = "down"


# A probe's answer must come before a load balancer gives up on it (often 5-10
# s): the pool waits DB_POOL_TIMEOUT (20 s) for a connection, right for a busy
# server and far too long for one that is gone, and each check reading the
# database waited it again (40 s for a 503).
DATABASE_TIMEOUT = 3.0


def check_database():
    started = time.monotonic()
    try:
        pool = connection.pool if connection.vendor == "postgresql" else None
        if pool is not None:
            pool.open()  # as Django's first connection does; a no-op after
            with pool.connection(timeout=DATABASE_TIMEOUT) as conn:
                conn.execute("SELECT 1").fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any driver error means "down"
        logger.warning("health: database unreachable: %s", exc)
        return {"status": DOWN, "error": exc.__class__.__name__}
    return {
        "status": OK,
        "vendor": connection.vendor,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


async def _layer_roundtrip(layer):
    channel = await layer.new_channel("healthz")
    await layer.send(channel, {"type": "healthz.ping"})
    return await layer.receive(channel)


def check_channel_layer(timeout=1.0):
    layer = get_channel_layer()
    backend = layer.__class__.__name__
    started = time.monotonic()
    try:
        message = async_to_sync(asyncio.wait_for)(_layer_roundtrip(layer), timeout)
    except Exception as exc:  # noqa: BLE001 - Redis down, timeout, ...
        logger.warning("health: channel layer %s unreachable: %s", backend, exc)
        return {"status": DEGRADED, "backend": backend, "error": exc.__class__.__name__}
    if message.get("type") != "healthz.ping":
        return {"status": DEGRADED, "backend": backend, "error": "unexpected reply"}
    return {
        "status": OK,
        "backend": backend,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


def check_search(database_up=True):
    # The search app owns the backend choice and its breaker.
    from search.services.health import search_health

    return search_health(database_up=database_up)


# A task ready for this long and not picked up: no worker is running, or it is
# far behind.
TASK_OVERDUE_SECONDS = 300


def check_tasks(database_up=True):
    """The task worker: tasks waiting to run, and those overdue (degraded)."""
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    name = backend.rsplit(".", 1)[-1]
    if not backend.startswith("django_tasks_db."):
        return {"status": OK, "backend": name}
    if not database_up:  # its queue is a table: not asked again
        return {"status": DOWN, "backend": name, "reason": "the database is down"}
    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - timedelta(seconds=TASK_OVERDUE_SECONDS)
    try:
        ready = DBTaskResult.objects.ready()
        waiting = ready.count()
        overdue = ready.filter(
            Q(run_after=get_date_max(), enqueued_at__lte=cutoff)
            | Q(run_after__lte=cutoff)
        ).count()
    except Exception as exc:  # noqa: BLE001 - the database check reports the cause
        return {"status": DEGRADED, "backend": name, "error": exc.__class__.__name__}
    return {
        "status": DEGRADED if overdue else OK,
        "backend": name,
        "waiting": waiting,
        "overdue": overdue,
    }


def site_health():
    database = check_database()
    up = database["status"] == OK
    checks = {
        "database": database,
        "channel_layer": check_channel_layer(),
        "search": check_search(database_up=up),
        "tasks": check_tasks(database_up=up),
    }
    can_serve = checks["database"]["status"] == OK
    if not can_serve:
        overall = DOWN
    elif all(check["status"] == OK for check in checks.values()):
        overall = OK
    else:
        overall = DEGRADED
    return {"status": overall, "checks": checks}, can_serve


@never_cache
@require_GET
def healthz(request):
    body, can_serve = site_health()
    return JsonResponse(body, status=200 if can_serve else 503)
