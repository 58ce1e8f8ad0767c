from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class OrganisationKind(models.TextChoices):
    VET_PROVIDER = "vet_provider", _("VET provider")
    CRAFT_SME_ASSOCIATION = "craft_sme_association", _("Craft / SME association")
    CHAMBER = "chamber", _("Chamber")
    POLICY_BODY = "policy_body", _("Policy body")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class Organisation(index.Indexed, models.Model):
    """A member organisation of the network (partner search directory)."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(
        _("type"), max_length=32, choices=OrganisationKind.choices, db_index=True
    )
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639-1 codes")
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_partner = models.BooleanField(_("project partner"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("website"),
        FieldPanel("languages"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("is_partner"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("country"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.short_name or self.name


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """About, privacy notice, accessibility statement and similar pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["community.HomePage", "community.StandardPage"]
    subpage_types = ["community.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
