from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self):
        from django.db.models.signals import post_save

        from community.services.home import register_home_section
        from community.services.personal_data import register_personal_data
        from vetnet.frontcache import register_purge

        from .models import Thread
        from .services.home import active_rooms
        from .services.pages import purge_after, purge_thread_after
        from .services.personal_data import anonymise_member, export_contributions
        from .services.threads import redirect_old_address

        register_home_section("active_rooms", active_rooms)
        register_personal_data(
            self.label, export=export_contributions, erase=anonymise_member
        )
        # Each page of a thread is cached on its own: a change purges its pages.
        register_purge("forums.Post", purge_after)
        register_purge("forums.Thread", purge_thread_after)
        # A renamed thread's old address leads to the new one.
        post_save.connect(
            redirect_old_address, sender=Thread, dispatch_uid="forums_thread_renamed"
        )
