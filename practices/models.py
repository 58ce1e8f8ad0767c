from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from community.blocks import BaseStreamBlock
from community.models import SectionIndexPage
from vetnet.routing import ViewRestrictionsInOneQueryMixin
from vetnet.site import InterfaceLanguageURLMixin


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("practice theme")
        verbose_name_plural = _("practice themes")


class PracticeIndexPage(SectionIndexPage):
    """The repository at /practices/: lists every published practice."""

    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("practice repository")
        verbose_name_plural = _("practice repositories")

    def serve(self, request, *args, **kwargs):
        from practices.services.listing.filters import FACET_PARAMS
        from taxonomy.filters import canonical_redirect

        # One address per choice of filters (the page cache keeps one copy).
        if redirect := canonical_redirect(request, FACET_PARAMS):
            return redirect
        export_format = request.GET.get("format")
        if export_format in ("csv", "json"):
            from practices.services.export import export_response

            return export_response(request, self, export_format)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from practices.services.listing import build_listing

        context = super().get_context(request, *args, **kwargs)
        per_page = getattr(settings, "PRACTICES_PER_PAGE", 12)
        base_url = self.get_url(request)
        context.update(build_listing(request.GET, per_page=per_page, base_url=base_url))
        context["practice_base_url"] = base_url
        return context


# Wagtail prefixes a page's URL with its locale's language; a practice is served in
# the visitor's interface language instead (InterfaceLanguageURLMixin), so browsing
# the repository in Greek never switches the interface to the practice's language.
class PracticePage(InterfaceLanguageURLMixin, ViewRestrictionsInOneQueryMixin, Page):
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True)
    content_language = models.CharField(
        _("language of the content"),
        max_length=8,
        choices=settings.CONTENT_LANGUAGE_CHOICES,
        db_index=True,
    )
    country = CountryField(_("country"), db_index=True)
    organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="practices"
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", blank=True, related_name="practices"
    )
    eqf_levels = ParentalManyToManyField(
        "taxonomy.EQFLevel",
        blank=True,
        related_name="practices",
        verbose_name=_("EQF levels"),
    )
    themes = ClusterTaggableManager(through=PracticeTag, blank=True)
    funding_programme = models.CharField(
        _("funding programme"), max_length=120, blank=True, db_index=True
    )
    year_start = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True
    )
    year_end = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("Empty while ongoing")
    )
    outcomes = models.TextField(_("outcomes and impact"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_practices",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Shown on the practice's card in the repository"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("content_language"),
                FieldPanel("country"),
                FieldPanel("organisation"),
                FieldPanel("sectors"),
                FieldPanel("target_groups"),
                FieldPanel("eqf_levels"),
                FieldPanel("themes"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("funding_programme"),
                FieldPanel("year_start"),
                FieldPanel("year_end"),
                FieldPanel("outcomes"),
            ],
            heading=_("Funding and impact"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        InlinePanel("related_practices", label=_("Related practices")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.FilterField("content_language"),
        index.FilterField("country"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("content_language"),
        APIField("country", serializer=serializers.CharField(source="country.code")),
        APIField(
            "organisation",
            serializer=serializers.SlugRelatedField(slug_field="slug", read_only=True),
        ),
        APIField(
            "sectors",
            serializer=serializers.SlugRelatedField(
                slug_field="slug", many=True, read_only=True
            ),
        ),
        APIField(
            "target_groups",
            serializer=serializers.SlugRelatedField(
                slug_field="slug", many=True, read_only=True
            ),
        ),
        APIField(
            "eqf_levels",
            serializer=serializers.PrimaryKeyRelatedField(many=True, read_only=True),
        ),
        APIField(
            "themes",
            serializer=serializers.SlugRelatedField(
                slug_field="name", many=True, read_only=True
            ),
        ),
        APIField("funding_programme"),
        APIField("year_start"),
        APIField("year_end"),
        APIField("outcomes"),
        APIField("contact_name"),
    ]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    # Loaded with the page when it is served (vetnet/routing.py).
    serve_select_related = ("organisation", "image")

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def save(self, *args, **kwargs):
        # Every practice lives in the one repository tree whatever its language;
        # its Wagtail locale records the content language when the site has that
        # locale, so that translations share a translation_key (get_translations).
        if self.pk is None and self.content_language:
            locale = Locale.objects.filter(language_code=self.content_language).first()
            if locale is not None:
                self.locale = locale
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from practices.services.detail import practice_details

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_details(self, request))
        return context


class RelatedPractice(Orderable):
    page = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="related_practices"
    )
    practice = models.ForeignKey(
        PracticePage, on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("related practice")
        verbose_name_plural = _("related practices")
