"""Create the local admin account of the embedded default, and say how to log in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 - a local, DEBUG-only account, refused elsewhere


class Command(BaseCommand):
    help = "Create a local admin account (development mode only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a default admin account outside DEBUG mode."
            )
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={
                "email": "admin@vetnet.local",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
                f"user '{USERNAME}', password '{PASSWORD}' (local development only)"
            )
        )
