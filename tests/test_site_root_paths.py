"""vetnet/routing.py's site_root_paths stands for Wagtail's
Site.get_site_root_paths (vetnet/apps.py): the same root paths in the same
order, and a Wagtail whose builder has changed shape fails here, not in
production."""

import hashlib
import inspect

import pytest
from django.apps import apps
from django.core.cache import cache
from wagtail.models import Locale, Page, Site
from wagtail.models import sites as wagtail_sites

from vetnet import routing

pytestmark = pytest.mark.django_db

# Wagtail 8.0.1's builder and the method that calls it. When an upgrade changes
# either, compare vetnet.routing.site_root_paths with the new code (or remove
# the copy if Wagtail now keeps the paths without its shared cache), then put
# the new fingerprints here.
FINGERPRINTS = {
    "Site.get_site_root_paths": (
        "166eac326fa05dcea7bf822154f60a4a5f97b0f03f305700f6eb73da9749f1da"
    ),
    "Page._get_site_root_paths": (
        "ca9efde7ab98c4ce0fdfb250ffae2eadaaac671566a8c8035d084e4578f0d3a9"
    ),
}


def wagtails_builder():
    return apps.get_app_config("vetnet").wagtail_site_root_paths


def fingerprint(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def test_wagtails_builder_has_the_shape_the_copy_was_made_from():
    assert {
        "Site.get_site_root_paths": fingerprint(wagtails_builder()),
        "Page._get_site_root_paths": fingerprint(Page._get_site_root_paths),
    } == FINGERPRINTS
    assert wagtail_sites.SiteRootPath._fields == (
        "site_id",
        "root_path",
        "root_url",
        "language_code",
    )
    # Every page URL still asks Site for them: the copy is what it gets.
    assert Site.get_site_root_paths is routing.site_root_paths


def test_the_same_root_paths_as_wagtails_builder(home):
    italian = Locale.objects.get_or_create(language_code="it")[0]
    home.copy_for_translation(italian).save_revision().publish()
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Partner site", slug="partner"))
    Site.objects.create(hostname="partner.example", port=443, root_page=other_home)
    Site.objects.create(hostname="alias.example", port=8080, root_page=home)

    cache.clear()
    wagtails = wagtails_builder()()
    ours = routing.site_root_paths()
    assert len(wagtails) == 5  # three sites, the first home in two languages
    assert ours == wagtails
