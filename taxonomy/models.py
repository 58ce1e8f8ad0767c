"""Classification terms shared by practices, organisations and search.

The tables keep their first names (``practices_*``): the models moved here from
the practices app without moving any data (migration taxonomy 0001).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class TaxonomyTerm(TranslatableMixin, models.Model):
    """A translatable classification term: one row per locale, shared slug."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Sector(TaxonomyTerm):
    """Economic sector of a practice or organisation; translated per locale."""

    class Meta(TaxonomyTerm.Meta):
        db_table = "practices_sector"
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class TargetGroup(TaxonomyTerm):
    """Who a practice is for (apprentices, in-company tutors, ...); translated."""

    class Meta(TaxonomyTerm.Meta):
        db_table = "practices_targetgroup"
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class EQFLevel(models.Model):
    """The eight levels of the European Qualifications Framework (data migration)."""

    level = models.PositiveSmallIntegerField(
        primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )

    class Meta:
        db_table = "practices_eqflevel"
        ordering = ["level"]
        verbose_name = _("EQF level")
        verbose_name_plural = _("EQF levels")

    def __str__(self):
        return f"EQF {self.level}"


def theme_languages():
    """(code, name) of the languages a theme is named in besides English, the
    language its tag is stored in (a callable: the migration keeps no copy)."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class ThemeName(models.Model):
    """A practice theme's name in one of the site's languages.

    Themes are free django-taggit tags stored in English (the tag's own name);
    editors name them in the other languages here (admin: Practice taxonomy >
    Theme names) and taxonomy.names.theme_name shows these names on the pages.
    """

    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        related_name="translated_names",
        verbose_name=_("theme"),
    )
    language = models.CharField(_("language"), max_length=8, choices=theme_languages)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("language"), FieldPanel("name")]

    class Meta:
        ordering = ["tag__name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "language"],
                name="taxonomy_themename_one_per_language",
                violation_error_message=_(
                    "This theme already has a name in this language: "
                    "edit that one instead."
                ),
            )
        ]
        verbose_name = _("theme name")
        verbose_name_plural = _("theme names")

    def __str__(self):
        return self.name
