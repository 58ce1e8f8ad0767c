from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counselling"
    verbose_name = _("Counselling")
