"""Counsellors, their hours, and the bookings members make.

A counsellor publishes weekly hours as wall-clock times in their own time zone;
free times are computed from them (services/availability.py), never stored. A
booking is one member's place in one time: a one-to-one session has capacity 1,
a group session capacity n, and the n members booked at the same start share one
private room (a forums Room) once the session opens.
"""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from community.names import display_name

# Read once: available_timezones() walks the time-zone database on every call.
ZONE_NAMES = frozenset(zoneinfo.available_timezones())
ZONES = sorted(ZONE_NAMES)


# How far ahead members may book: a year covers a counsellor's planning (a school
# or academic year). Free times are computed day by day up to the window's end,
# so an unbounded window (the field holds up to 32767 days) made every list and
# page that shows a counsellor's times walk ninety years of weeks.
MAX_BOOKING_WINDOW_DAYS = 365


def validate_zone(value):
    if value not in ZONE_NAMES:
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class Counsellor(ClusterableModel):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counsellor_profile",
        verbose_name=_("user"),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counsellors",
        verbose_name=_("organisation"),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639-1 codes")
    )
    topics = models.JSONField(
        _("topics"), default=list, blank=True, help_text=_("Short topics, a list")
    )
    sectors = models.ManyToManyField(
        "taxonomy.Sector", blank=True, related_name="+", verbose_name=_("sectors")
    )
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Rome", validators=[validate_zone]
    )
    mode = models.CharField(
        _("how sessions are held"),
        max_length=16,
        choices=Mode.choices,
        default=Mode.ONLINE,
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("For sessions in person")
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("session length (minutes)"),
        default=45,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between sessions (minutes)"), default=15
    )
    capacity = models.PositiveSmallIntegerField(
        _("members per session"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("1 for one-to-one sessions, more for group sessions"),
    )
    booking_window_days = models.PositiveSmallIntegerField(
        _("bookable how many days ahead"),
        default=28,
        validators=[
            MinValueValidator(
                1,
                message=_("Choose at least one day, or members cannot book any time."),
            ),
            MaxValueValidator(
                MAX_BOOKING_WINDOW_DAYS,
                message=_(
                    "Members can book at most %(limit_value)s days ahead: "
                    "choose %(limit_value)s days or fewer."
                ),
            ),
        ],
        help_text=format_lazy(_("From 1 to {max} days."), max=MAX_BOOKING_WINDOW_DAYS),
    )
    minimum_notice_minutes = models.PositiveIntegerField(
        _("minimum notice (minutes)"), default=12 * 60
    )
    is_active = models.BooleanField(_("taking bookings"), default=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("slug"),
        FieldPanel("organisation"),
        FieldPanel("languages"),
        FieldPanel("topics"),
        FieldPanel("sectors"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldPanel("mode"),
                FieldPanel("place"),
                FieldPanel("session_minutes"),
                FieldPanel("buffer_minutes"),
                FieldPanel("capacity"),
                FieldPanel("booking_window_days"),
                FieldPanel("minimum_notice_minutes"),
                FieldPanel("is_active"),
            ],
            heading=_("Sessions"),
        ),
        InlinePanel("weekly_hours", label=_("Weekly hours")),
        InlinePanel("time_off", label=_("Exceptions and holidays")),
    ]

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("counsellor")
        verbose_name_plural = _("counsellors")

    def __str__(self):
        return self.name

    def clean(self):
        # The notice is where the window starts: a notice as long as the window
        # leaves no time that members can ever book.
        window, notice = self.booking_window_days, self.minimum_notice_minutes
        if window and notice is not None and notice >= window * 24 * 60:
            raise ValidationError(
                {
                    "minimum_notice_minutes": ngettext(
                        "The minimum notice must be shorter than the %(days)s "
                        "day members may book ahead, or no time is ever free.",
                        "The minimum notice must be shorter than the %(days)s "
                        "days members may book ahead, or no time is ever free.",
                        window,
                    )
                    % {"days": window}
                }
            )

    @property
    def name(self):
        return display_name(self.user)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_group(self):
        return self.capacity > 1

    def get_absolute_url(self):
        return reverse("counselling:counsellor", kwargs={"slug": self.slug})


class WeeklyHours(models.Model):
    """Hours every week on one weekday, wall-clock in the counsellor's zone."""

    class Weekday(models.IntegerChoices):
        # A label's word (context "weekday"), capitalised where a label is
        # ("Lunedì"); dates write Django's plain "Monday" in a sentence's case
        # ("lunedì 27 aprile", vetnet/dates.py).
        MONDAY = 0, pgettext_lazy("weekday", "Monday")
        TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
        WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
        THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
        FRIDAY = 4, pgettext_lazy("weekday", "Friday")
        SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
        SUNDAY = 6, pgettext_lazy("weekday", "Sunday")

    counsellor = ParentalKey(
        Counsellor, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    panels = [FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")]

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="counselling_hours_end_after_start",
            )
        ]

    def clean(self):
        # Said in the counsellor's words before the constraint would be named
        # ("Constraint counselling_hours_end_after_start is violated").
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The hours end after they start.")})


class TimeOff(models.Model):
    """Days off (holidays, exceptions): no free times from `first_day` to
    `last_day` inclusive, as dates in the counsellor's zone."""

    counsellor = ParentalKey(
        Counsellor, on_delete=models.CASCADE, related_name="time_off"
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [FieldPanel("first_day"), FieldPanel("last_day"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        ordering = ["first_day"]

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError(
                {"last_day": _("The last day comes after the first.")}
            )


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")
        RESCHEDULED = "rescheduled", _("moved to another time")
        DECLINED = "declined", _("declined by the counsellor")

    ACTIVE = (Status.BOOKED,)

    counsellor = models.ForeignKey(
        Counsellor, on_delete=models.CASCADE, related_name="bookings"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselling_bookings",
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    topic = models.CharField(_("topic"), max_length=200)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.BOOKED, db_index=True
    )
    # The zone the member saw the times in: their e-mails use it.
    member_time_zone = models.CharField(
        max_length=64, default="Europe/Rome", validators=[validate_zone]
    )
    # Calendar entry identity: one UID for the booking's life, SEQUENCE raised by
    # every change so that calendars replace the earlier entry.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    rescheduled_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    room = models.ForeignKey(
        "forums.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselling_bookings",
    )
    no_show = models.BooleanField(_("did not come"), default=False)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feedback = models.TextField(_("feedback"), max_length=2000, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["counsellor", "start"], name="counselling_slot"),
        ]

    def __str__(self):
        return f"{self.member} with {self.counsellor} at {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self):
        return self.status == self.Status.BOOKED

    def get_absolute_url(self):
        return reverse("counselling:booking", kwargs={"pk": self.pk})
