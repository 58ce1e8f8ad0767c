from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from .services.profiles import welcome_new_member


@receiver(user_signed_up, dispatch_uid="community_welcome_new_member")
def on_user_signed_up(request, user, **kwargs):
    welcome_new_member(user)
