import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = settings.BASE_DIR


@pytest.mark.django_db
def test_healthz_reports_each_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["vendor"] == connection.vendor
    assert set(body["checks"]) == {"database", "channel_layer", "search", "tasks"}


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.redis
def test_healthz_sees_the_real_services(client):
    body = client.get("/healthz").json()
    assert body["checks"]["database"]["vendor"] == "postgresql"
    assert body["checks"]["channel_layer"] == {
        **body["checks"]["channel_layer"],
        "status": "ok",
        "backend": "RedisChannelLayer",
    }


def test_healthz_is_503_when_the_database_is_down(tmp_path):
    """A fresh process whose database server refuses connections (nothing listens
    on port 9 of loopback) must answer 503 with the database marked down."""
    script = (
        "import django, json, time; django.setup();"
        "from django.test import Client;"
        "started = time.monotonic();"
        "r = Client().get('/healthz');"
        "seconds = time.monotonic() - started;"
        "print(json.dumps({'status': r.status_code, 'body': r.json(),"
        " 'seconds': seconds}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vetnet.settings.test",
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/none",
    }
    env.pop("REDIS_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 503
    assert outcome["body"]["checks"]["database"]["status"] == "down"
    assert outcome["body"]["status"] == "down"
    # Answered before a load balancer's probe gives up: the page waited the
    # pool's 20 s (DB_POOL_TIMEOUT) once per check reading the database, 40 s.
    assert outcome["seconds"] < 10
    assert outcome["body"]["checks"]["search"]["reason"] == "the database is down"


@pytest.mark.django_db
def test_healthz_reports_tasks_nobody_runs(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tests.worker import DATABASE_TASKS
    from vetnet.mail import deliver_email

    settings.TASKS = DATABASE_TASKS
    deliver_email.enqueue({"subject": "queued"})
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert tasks == {**tasks, "status": "ok", "waiting": 1, "overdue": 0}

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    body = client.get("/healthz").json()
    assert body["checks"]["tasks"]["status"] == "degraded"
    assert body["checks"]["tasks"]["overdue"] == 1
    assert body["status"] == "degraded"
