from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from vetnet.routing import ViewRestrictionsInOneQueryMixin
from vetnet.site import InterfaceLanguageURLMixin

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
    sectors = models.ManyToManyField(
        "taxonomy.Sector",
        blank=True,
        related_name="organisations",
        verbose_name=_("sectors"),
    )
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
        FieldPanel("sectors"),
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
        from .services.home import home_context

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
        return self.user.get_full_name() or self.user.get_username()


class OrganisationMembership(models.Model):
    """A member's link to an organisation; the organisation's admins approve it."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_organisation_member"
            )
        ]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.status})"


class NewsIndexPage(InterfaceLanguageURLMixin, RoutablePageMixin, IndexPage):
    """News of the network at /news/, with an Atom feed at /news/feed/."""

    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def get_context(self, request, *args, **kwargs):
        from .services.news import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request.GET))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from .feeds import NewsFeed

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
