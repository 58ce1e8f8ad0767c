"""Materials follow their practice: public while it is live, private otherwise."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import PracticePage
from .services.privacy import publish_materials, withdraw_materials


@receiver(page_published)
def practice_published(sender, instance, **kwargs):
    if isinstance(instance, PracticePage):
        publish_materials(instance)


@receiver(page_unpublished)
def practice_unpublished(sender, instance, **kwargs):
    if isinstance(instance, PracticePage):
        withdraw_materials(instance)


@receiver(post_delete, sender=PracticePage)
def practice_deleted(sender, instance, **kwargs):
    withdraw_materials(instance)
