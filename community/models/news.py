"""The network's news at /news/ (and its Atom feed)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from vetnet.site import InterfaceLanguageURLMixin

from ..blocks import BaseStreamBlock
from .pages import IndexPage


class NewsIndexPage(InterfaceLanguageURLMixin, RoutablePageMixin, IndexPage):
    """News of the network at /news/, with an Atom feed at /news/feed/."""

    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def get_context(self, request, *args, **kwargs):
        from ..services.news import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request.GET))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from ..feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "community.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("news page tag")
        verbose_name_plural = _("news page tags")


class NewsPage(InterfaceLanguageURLMixin, Page):
    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"), max_length=500)
    body = StreamField(BaseStreamBlock(), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["community.NewsIndexPage"]
    subpage_types = []

    class Meta:
        ordering = ["-date"]
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
