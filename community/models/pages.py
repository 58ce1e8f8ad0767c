"""The site's page tree: the home page, the sections' index pages' base (with
their headings in the other interface languages) and standard pages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from vetnet.routing import ViewRestrictionsInOneQueryMixin
from vetnet.site import InterfaceLanguageURLMixin

from ..blocks import BaseStreamBlock


class PageHeading(Orderable):
    """A section page's title and introduction in one interface language.

    The site has one page tree, served under every interface language (a page's
    Wagtail locale is the language its content is written in, and /de/ routes
    through the same tree as /). So the home and section index pages, written
    once in the default language, keep the words they show in the other
    interface languages here, edited on the page itself.
    """

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="headings"
    )
    language = models.CharField(
        _("interface language"),
        max_length=8,
        choices=[
            (code, name)
            for code, name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ],
    )
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("heading in another language")
        verbose_name_plural = _("headings in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="one_heading_per_page_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class IndexPage(Page):
    """Base of the home and section index pages: a title and an introduction,
    both shown in the visitor's interface language (a PageHeading), the page's
    own otherwise.

    Templates read ``page_heading`` (None in the default language or without one).
    Looked up once per content version and language (the headings change only
    with the page, which moves the version).
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("headings", label=_("In other languages")),
    ]

    class Meta:
        abstract = True

    def interface_heading(self):
        from django.utils import translation

        from vetnet.routing import version_memo

        language = translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return None
        return version_memo(
            "page-heading",
            self.pk,
            lambda: (
                PageHeading.objects.filter(page_id=self.pk, language=language)
                .only("title", "intro")
                .first()
            ),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_heading"] = self.interface_heading()
        return context


class SectionIndexPage(
    InterfaceLanguageURLMixin, ViewRestrictionsInOneQueryMixin, IndexPage
):
    """Base of a section's index under the home page (/practices/, /events/,
    /learn/), served under the visitor's interface language."""

    parent_page_types = ["community.HomePage"]

    class Meta:
        abstract = True


class HomePage(ViewRestrictionsInOneQueryMixin, IndexPage):
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from ..services.home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        return context


class StandardPage(InterfaceLanguageURLMixin, Page):
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
        verbose_name_plural = _("standard pages")
