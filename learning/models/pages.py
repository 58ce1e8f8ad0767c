"""Courses as Wagtail pages: learning index -> course -> module -> lesson.

Like practices, course pages live in one tree whatever their language: a course's
Wagtail locale records its content language, so a translation shares the
original's translation_key (``get_translations()``) and links to it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from community.models import SectionIndexPage
from practices.models import ViewRestrictionsInOneQueryMixin
from vetnet.site import InterfaceLanguageURLMixin

from ..blocks import LessonStreamBlock


class LearningPage(InterfaceLanguageURLMixin, ViewRestrictionsInOneQueryMixin, Page):
    """Base of the learning pages: served under the visitor's interface language."""

    class Meta:
        abstract = True


class LearningIndexPage(SectionIndexPage):
    """/learn/: the published courses."""

    subpage_types = ["learning.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("learning index")
        verbose_name_plural = _("learning indexes")

    def get_context(self, request, *args, **kwargs):
        from ..services.catalogue import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_cards(self, request)
        return context


class CoursePage(LearningPage):
    class EnrolmentMode(models.TextChoices):
        SELF = "self", _("Self-enrolment")
        APPROVAL = "approval", _("Approval by a trainer")

    summary = models.TextField(_("summary"), max_length=800)
    content_language = models.CharField(
        _("language of the content"),
        max_length=8,
        choices=settings.CONTENT_LANGUAGE_CHOICES,
        db_index=True,
    )
    eqf_level = models.ForeignKey(
        "taxonomy.EQFLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("EQF level"),
    )
    sectors = ParentalManyToManyField("taxonomy.Sector", blank=True, related_name="+")
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", blank=True, related_name="+"
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"), help_text=_("One learning outcome per line")
    )
    workload_hours = models.PositiveSmallIntegerField(_("workload in hours"))
    ects_credits = models.DecimalField(
        _("ECTS credits"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    ecvet_points = models.DecimalField(
        _("ECVET points"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trained_courses",
        verbose_name=_("trainers"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    enrolment_mode = models.CharField(
        _("enrolment"),
        max_length=16,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.SELF,
    )
    cohort_start = models.DateField(_("cohort start date"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit")
    )
    issuing_organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issuing organisation"),
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("translation of"),
        help_text=_(
            "The course this one translates: both then link to each other "
            "(their languages must differ)"
        ),
    )
    room = models.ForeignKey(
        "forums.Room",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("content_language"),
                FieldPanel("translation_of"),
                FieldPanel("eqf_level"),
                FieldPanel("sectors"),
                FieldPanel("target_groups"),
                FieldPanel("workload_hours"),
                FieldPanel("ects_credits"),
                FieldPanel("ecvet_points"),
                FieldPanel("issuing_organisation"),
            ],
            heading=_("Classification and credits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("trainers"),
                FieldPanel("enrolment_mode"),
                FieldPanel("cohort_start"),
                FieldPanel("capacity"),
            ],
            heading=_("Enrolment"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.FilterField("content_language"),
    ]
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk or original.content_language == self.content_language:
            raise ValidationError(
                {"translation_of": _("Choose a course in another language.")}
            )

    def save(self, *args, **kwargs):
        # As practices do: the locale records the content language, and a
        # translation shares its original's translation_key.
        if self.pk is None and self.content_language:
            locale = Locale.objects.filter(language_code=self.content_language).first()
            if locale is not None:
                self.locale = locale
        original = self.translation_of
        if original is not None and original.locale_id != self.locale_id:
            taken = (
                CoursePage.objects.filter(
                    translation_key=original.translation_key, locale_id=self.locale_id
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if not taken:
                self.translation_key = original.translation_key
        return super().save(*args, **kwargs)

    @property
    def outcome_list(self):
        return [
            line.strip() for line in self.learning_outcomes.splitlines() if line.strip()
        ]

    def get_context(self, request, *args, **kwargs):
        from ..services.pages import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context


class ModulePage(LearningPage):
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def get_context(self, request, *args, **kwargs):
        from ..services.pages import module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(self, request))
        return context


class LessonPage(LearningPage):
    body = StreamField(LessonStreamBlock(), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), null=True, blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def quizzes(self):
        return [block for block in self.body if block.block_type == "quiz"]

    def get_context(self, request, *args, **kwargs):
        from ..services.pages import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request))
        return context
