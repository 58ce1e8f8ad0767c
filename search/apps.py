from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(signals.fill_tokens, sender=self)
