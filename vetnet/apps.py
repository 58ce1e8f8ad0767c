from django.apps import AppConfig


class VetnetConfig(AppConfig):
    """The project package as an app: connects the page-cache invalidation and
    hands Wagtail the site root paths kept per content version."""

    name = "vetnet"
    verbose_name = "VET NET project"

    def ready(self):
        from . import invalidation

        invalidation.connect_signals()
        self.serve_site_root_paths()

    @staticmethod
    def serve_site_root_paths():
        """Every page URL Wagtail makes without the serve view's request (a
        page's ``url``, ``get_url()``, search hits, a course's lessons, the
        links of the search page and forums) reads the site root paths through
        ``Site.get_site_root_paths``, which asks the shared cache each time:
        with Redis out, those pages answered 500. Wagtail has no setting for
        it, so its static method is replaced by routing's table (per process
        and content version, built afresh while the cache is out). Wagtail's
        own builder stays in ``wagtail_site_root_paths``: the tests compare the
        two (tests/test_site_root_paths.py), so an upgrade that changes it fails
        there instead of drifting from the copy."""
        from wagtail.models import Site

        from . import routing

        builder = Site.get_site_root_paths
        if builder is not routing.site_root_paths:
            VetnetConfig.wagtail_site_root_paths = staticmethod(builder)
            Site.get_site_root_paths = staticmethod(routing.site_root_paths)
