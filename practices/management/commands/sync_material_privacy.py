"""Make the materials of unpublished member submissions private (and those of
published ones public). Needed once on a site whose members submitted practices
before materials in review became private; safe to run again."""

from django.core.management.base import BaseCommand

from practices.services.privacy import sync_all_materials


class Command(BaseCommand):
    help = "Materials of practices in review private, of published practices public."

    def handle(self, *args, **options):
        published, withdrawn = sync_all_materials()
        self.stdout.write(
            f"{published} published practice(s): materials public; "
            f"{withdrawn} unpublished practice(s): materials private."
        )
