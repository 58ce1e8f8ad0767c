"""What a member hears about their submission: member-facing e-mails.

Wagtail's workflow e-mails are admin e-mails (English, links into /admin/ that a
member cannot open). For members (users without admin access) they are replaced
by these: "published", linking to the practice, and "changes requested", with the
reviewer's comment and a link to My practices. Each is written in the member's
language (the interface language they submitted in, kept as the language of their
Wagtail user profile) with links on SITE_URL under that language's prefix.
Staff keep Wagtail's own notifications.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.users.models import UserProfile

from community.names import display_name
from vetnet.site import absolute_url, localised_path, reverse_in


def is_member(user):
    """A member of the network, not staff: no access to the Wagtail admin."""
    return not user.has_perm("wagtailadmin.access_admin")


def remember_language(user, language=None):
    """Keep the interface language a member uses (at submission) for the e-mails
    about it. Staff choose their admin language themselves."""
    language = (language or translation.get_language() or "").split("-")[0]
    if language not in dict(settings.LANGUAGES) or not is_member(user):
        return
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


def member_language(user):
    language = UserProfile.get_for_user(user).preferred_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _send(kind, member, context):
    language = member_language(member)
    with translation.override(language):
        context = {
            **context,
            "name": display_name(member),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "my_practices_url": absolute_url(reverse_in(language, "practices:mine")),
        }
        if "page" in context:
            context["practice_url"] = absolute_url(
                localised_path(context["page"].url or "/", language)
            )
        subject = render_to_string(f"practices/email/{kind}_subject.txt", context)
        body = render_to_string(f"practices/email/{kind}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[member.email]).send()


def _member_of(workflow_state, editor):
    member = workflow_state.requested_by
    if member is None or member == editor or not member.email:
        return None
    if not member.is_active or not is_member(member):
        return None
    return member


def on_workflow_approved(sender, instance, user=None, **kwargs):
    member = _member_of(instance, user)
    if member is None:
        return
    page = instance.content_object.specific
    _send("published", member, {"page": page, "title": page.title})


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    member = _member_of(instance, user)
    if member is None:
        return
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    page = instance.content_object
    _send(
        "changes_requested",
        member,
        {"title": page.get_latest_revision_as_object().title, "comment": comment},
    )


class StaffOnlyMixin:
    """Wagtail's notifier, for staff only: members get the e-mails above."""

    def get_recipient_users(self, workflow_state, **kwargs):
        users = super().get_recipient_users(workflow_state, **kwargs)
        return {user for user in users if user and not is_member(user)}


class StaffApprovalNotifier(StaffOnlyMixin, WorkflowStateApprovalEmailNotifier):
    pass


class StaffRejectionNotifier(StaffOnlyMixin, WorkflowStateRejectionEmailNotifier):
    pass
