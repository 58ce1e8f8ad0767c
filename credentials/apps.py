from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        from community.services.personal_data import register_personal_data

        from .services.personal_data import erase_credentials, export_credentials

        register_personal_data(
            self.label, export=export_credentials, erase=erase_credentials
        )
