from django.apps import AppConfig


class VetnetConfig(AppConfig):
    """The project package as an app: connects the page-cache invalidation."""

    name = "vetnet"
    verbose_name = "VET NET project"

    def ready(self):
        from . import invalidation

        invalidation.connect_signals()
