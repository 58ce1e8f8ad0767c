from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from community.services.home import register_home_section
        from community.services.personal_data import register_personal_data

        from .services.home import upcoming_events
        from .services.personal_data import export_registrations

        register_home_section("upcoming_events", upcoming_events)
        register_personal_data(self.label, export=export_registrations)
