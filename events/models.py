"""Events: index and event pages, the seat lock row, and registrations."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from community.blocks import BaseStreamBlock
from community.models import SectionIndexPage
from vetnet.routing import ViewRestrictionsInOneQueryMixin
from vetnet.site import InterfaceLanguageURLMixin

from .blocks import AgendaBlock, MaterialBlock, SpeakersBlock


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "meeting", _("Meeting")


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}
        )


class EventTag(TaggedItemBase):
    """An event's themes: the same free tags as the practices' themes."""

    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("event theme")
        verbose_name_plural = _("event themes")


class EventIndexPage(SectionIndexPage):
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def get_context(self, request, *args, **kwargs):
        from .services.listing import event_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing(self, request.GET))
        return context


class EventPage(InterfaceLanguageURLMixin, ViewRestrictionsInOneQueryMixin, Page):
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.WORKSHOP
    )
    summary = models.TextField(_("summary"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Rome",
        validators=[validate_timezone],
        help_text=_("IANA name, e.g. Europe/Rome; times are shown in this zone"),
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    venue_address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For online and hybrid events")
    )
    capacity = models.PositiveIntegerField(_("seats"), default=50)
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    waiting_list = models.BooleanField(_("waiting list"), default=True)
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    speakers = StreamField(SpeakersBlock(), blank=True, verbose_name=_("speakers"))
    organisers = ParentalManyToManyField(
        "community.Organisation",
        blank=True,
        related_name="events",
        verbose_name=_("organisers"),
    )
    materials = StreamField(MaterialBlock(), blank=True, verbose_name=_("materials"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    # The shared taxonomy, as on practices: members following a sector or a
    # theme hear of a new event in it.
    sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="events", verbose_name=_("sectors")
    )
    themes = ClusterTaggableManager(
        through=EventTag, blank=True, verbose_name=_("themes")
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("timezone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                    ]
                ),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("sectors"), FieldPanel("themes")],
            heading=_("Classification"),
        ),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
        FieldPanel("organisers"),
        FieldPanel("materials"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes < self.registration_opens
        ):
            raise ValidationError(
                {"registration_closes": _("Registration cannot close before it opens.")}
            )

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.timezone or "Europe/Rome")

    def get_context(self, request, *args, **kwargs):
        from .services.pages import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            event_page_context(self, preview=getattr(request, "is_preview", False))
        )
        return context

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        EventSeats.objects.get_or_create(event_id=self.pk)


class EventSeats(models.Model):
    """The one row a registration or cancellation locks for its event.

    Wagtail's page row is not locked: editors save pages (and revisions touch them)
    while people register. Every change of seats locks this row first.
    """

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, primary_key=True, related_name="seats"
    )
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("event seats")
        verbose_name_plural = _("event seats")

    def __str__(self):
        return f"seats of event {self.event_id}"


def new_token():
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        TRAINER = "trainer", _("Trainer / teacher at a VET provider")
        ASSOCIATION = "association", _("Staff of a craft or SME association")
        POLICYMAKER = "policymaker", _("Policymaker")
        COMPANY = "company", _("Entrepreneur / company staff")
        RESEARCHER = "researcher", _("Researcher")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    country = CountryField(_("country"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    needs = models.TextField(_("accessibility or dietary needs"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    consent = models.BooleanField(_("consent to the privacy notice"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, db_index=True
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(_("cancelled by"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="events_one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}> ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
