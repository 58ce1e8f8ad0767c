from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counselling"
    verbose_name = _("Counselling")

    def ready(self):
        from community.services.personal_data import register_personal_data

        from .services.personal_data import export_counselling

        register_personal_data(self.label, export=export_counselling)
