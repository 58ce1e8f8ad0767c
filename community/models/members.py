"""What a member tells the network about themselves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from community.names import display_name

from .organisations import Organisation


class MemberExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.MemberProfile",
        on_delete=models.CASCADE,
        related_name="expertise_items",
    )

    class Meta:
        verbose_name = _("member expertise")
        verbose_name_plural = _("member expertise")


class MemberProfile(models.Model):
    """What a member tells the network about themselves; private unless public."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("Your job or role, e.g. trainer, project manager"),
    )
    country = CountryField(_("country"), blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO 639-1 codes")
    )
    expertise = TaggableManager(
        through=MemberExpertise,
        blank=True,
        verbose_name=_("expertise"),
        help_text=_("Comma-separated topics, e.g. apprenticeships, green skills"),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    is_public = models.BooleanField(
        _("show my profile in the member directory"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return display_name(self.user)
