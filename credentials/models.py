"""Verifiable credentials: what a member achieved on the platform (a course,
later anything else), as an Open Badges 2.0 badge class and one assertion per
recipient, with a certificate PDF and a public verification page.

The credential keeps a snapshot of what it certified (name, workload, outcomes,
issuing organisation): it stays true to the day it was issued when the course,
the member's profile or the organisation changes later."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def new_public_id():
    """An unguessable identifier for public URLs (128 random bits)."""
    return secrets.token_urlsafe(16)


def new_salt():
    return secrets.token_hex(16)


class BadgeClass(models.Model):
    """What is achieved (Open Badges BadgeClass): one per completed thing, e.g.
    a course, named by a stable key chosen by the app that issues it."""

    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        help_text=_('Stable identifier chosen by the issuing app, e.g. "course:42".'),
    )
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_id, editable=False
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"))
    criteria_url = models.URLField(_("criteria URL"), max_length=500)
    # The language the name and description are written in (the completed
    # course's), kept with them: the page and the badge document mark them with it.
    language = models.CharField(
        _("language of name and description"),
        max_length=16,
        blank=True,
        help_text=_("ISO 639-1 code; empty when not known"),
    )
    image = models.BinaryField(_("badge image (PNG)"), editable=False)
    issuer_organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issuing organisation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")

    def __str__(self):
        return self.name


class Credential(models.Model):
    """One recipient's assertion of a badge class."""

    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_id, editable=False
    )
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="credentials"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="credentials",
    )
    recipient_name = models.CharField(_("recipient name"), max_length=255)
    # Open Badges hashed identity: "sha256$" + sha256(e-mail + salt), never the
    # address itself in anything public.
    recipient_salt = models.CharField(max_length=64, default=new_salt, editable=False)
    recipient_hash = models.CharField(max_length=80, editable=False)
    # The learner's language when it was issued: the certificate's by default.
    language = models.CharField(_("language"), max_length=8)
    # The language its certified content (the learning outcomes, the course's
    # name and description at issue) is written in: the completed course's.
    content_language = models.CharField(
        _("language of the certified content"),
        max_length=16,
        blank=True,
        help_text=_("ISO 639-1 code; empty when not known"),
    )
    issued_on = models.DateTimeField(_("issued on"))
    workload_hours = models.PositiveIntegerField(_("workload (hours)"))
    learning_outcomes = models.JSONField(_("learning outcomes"), default=list)
    organisation_name = models.CharField(
        _("issuing organisation"), max_length=255, blank=True
    )
    organisation_url = models.URLField(max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("revocation reason"), blank=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["badge_class", "recipient"], name="one_credential_per_badge"
            )
        ]

    def __str__(self):
        return f"{self.badge_class} — {self.recipient_name}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def get_absolute_url(self):
        """The public verification page, in the current interface language."""
        return reverse("credentials:verify", args=[self.public_id])

    def verification_url_in(self, language):
        with translation.override(language):
            return self.get_absolute_url()

    @property
    def certificate_url(self):
        """The certificate PDF, in the learner's language (no language prefix)."""
        return reverse("credentials_ob:certificate", args=[self.public_id])

    @property
    def assertion_url(self):
        return reverse("credentials_ob:assertion", args=[self.public_id])
