from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        import warnings

        from django.conf import settings
        from PIL import Image

        from community.services.home import register_home_section
        from community.services.personal_data import register_personal_data

        from .services.home import latest_practices
        from .services.personal_data import export_practices

        register_home_section("latest_practices", latest_practices)
        register_personal_data(self.label, export=export_practices)

        # Every Pillow open in this process (uploads, Wagtail's renditions) refuses
        # an image beyond the site's pixel limit instead of only warning about it.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)

        from . import signals  # noqa: F401 - materials follow their practice
