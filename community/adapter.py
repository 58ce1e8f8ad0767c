"""allauth's messages speak for the site: its name (not the request's host) and
links on SITE_URL, in the language of the page the visitor used."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override

from vetnet.site import absolute_url, site_identity


def in_page_language(url):
    """`url` (a path of the default language, like LOGIN_REDIRECT_URL) in the
    language of the page the visitor used: signing in on /de/ leads to /de/."""
    language = get_language()
    # Resolved as the default language's path, reversed in the visitor's.
    with override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


class AccountAdapter(DefaultAccountAdapter):
    # allauth follows a ?next= page before asking these.
    def get_login_redirect_url(self, request):
        return in_page_language(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return in_page_language(super().get_logout_redirect_url(request))

    def send_mail(self, template_prefix, email, context):
        # Links that allauth made from the request's host, moved to SITE_URL.
        for key in ("activate_url", "password_reset_url", "signup_url"):
            if context.get(key):
                context[key] = absolute_url(context[key])
        super().send_mail(
            template_prefix, email, {**context, "current_site": site_identity()}
        )
