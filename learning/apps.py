from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        from community.services.personal_data import register_personal_data

        from . import signals
        from .services.personal_data import export_learning

        signals.connect()
        register_personal_data(self.label, export=export_learning)
