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
        and content version, built afresh while the cache is out)."""
        from wagtail.models import Site

        from .routing import site_root_paths

        Site.get_site_root_paths = staticmethod(site_root_paths)
