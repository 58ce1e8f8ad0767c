"""The demo counsellors load once, whatever the number of runs, with free times."""

import pytest
from django.core.management import call_command
from django.test import Client

from counselling.models import Counsellor, WeeklyHours

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_counsellors_have_free_times(home):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    zones = set(Counsellor.objects.values_list("time_zone", flat=True))
    assert zones == {"Europe/Rome", "Europe/Madrid", "Europe/Athens"}
    languages = {code for c in Counsellor.objects.all() for code in c.languages}
    assert {"it", "es", "ca", "el"} <= languages
    assert Counsellor.objects.count() == 5
    assert WeeklyHours.objects.count() == 12
    organisations = set(Counsellor.objects.values_list("organisation__slug", flat=True))
    # The coordinating foundation and two partners, plus a member organisation.
    assert organisations == {"ecipa-foundation", "pimec", "ime-gsevee", "pta"}
    html = Client().get("/counselling/?language=el").content.decode()
    assert "Eleni Papadopoulou" in html and "Giulia Conti" not in html
    assert "Next free times" in html
