"""allauth's messages speak for the site: its name (not the request's host) and
links on SITE_URL, in the language of the page the visitor used."""

from allauth.account.adapter import DefaultAccountAdapter

from vetnet.site import absolute_url, site_identity


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Links that allauth made from the request's host, moved to SITE_URL.
        for key in ("activate_url", "password_reset_url", "signup_url"):
            if context.get(key):
                context[key] = absolute_url(context[key])
        super().send_mail(
            template_prefix, email, {**context, "current_site": site_identity()}
        )
