"""The foundation's promises: demo content, dev-only admin, production refusals."""

import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

OUR_APPS = ["community", "practices", "events", "forums", "search"]


def row_counts():
    counts = {}
    for label in OUR_APPS + ["wagtailcore", "taggit", "auth"]:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts


@pytest.mark.django_db
def test_demo_content_is_complete_and_loading_it_twice_changes_nothing(client):
    """One test, inside one rolled-back transaction: loading the demo (about half a
    minute on PostgreSQL) once for all the checks, and leaving nothing behind."""
    call_command("load_demo", stdout=open(os.devnull, "w"))

    Organisation = apps.get_model("community", "Organisation")
    partners = set(
        Organisation.objects.filter(is_partner=True).values_list("country", flat=True)
    )
    assert {"IT", "AT", "ES", "GR"} <= partners
    names = " ".join(
        f"{name} {short}"
        for name, short in Organisation.objects.values_list("name", "short_name")
    )
    for name in ("ECIPA", "EFQBL", "PIMEC", "GSEVEE", "CNA"):
        assert name in names

    PracticePage = apps.get_model("practices", "PracticePage")
    live = PracticePage.objects.live()
    assert live.count() >= 30
    languages = set(live.values_list("content_language", flat=True))
    assert len(languages & {"it", "es", "ca", "el", "de", "nl", "en"}) >= 6
    shortest = min(
        len(" ".join([p.summary, *(str(b.value) for b in p.body)]).split())
        for p in live
    )
    assert shortest >= 120

    EventPage = apps.get_model("events", "EventPage")
    rome = EventPage.objects.live().get(
        title__icontains="future challenges of European C-VET",
        start__gte=timezone.now(),
    )
    assert rome.capacity == 60
    assert "Piazza Mariano Armellini 9/a" in rome.venue_address

    assert client.get("/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

    before = row_counts()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert row_counts() == before


def test_dev_admin_is_refused_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin")


def run_settings(module, env_overrides):
    env = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": module, **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(
        "vetnet.settings.production", {"ALLOWED_HOSTS": "example.org"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("vetnet.settings.production", {"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr
