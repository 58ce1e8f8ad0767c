"""The member's practice submission form."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from taggit.utils import parse_tags

from community.models import Organisation
from taxonomy.models import Sector, TargetGroup
from taxonomy.names import localised_names

from .services.uploads import allowed_types_text, check_upload, max_upload_bytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by practices.services.uploads."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [super(MultipleFileField, self).clean(item, initial) for item in files]
        errors, checked = [], []
        for uploaded in files:
            try:
                checked.append((uploaded, check_upload(uploaded)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class TaxonomyChoiceField(forms.ModelMultipleChoiceField):
    names = {}

    def label_from_instance(self, obj):
        return self.names.get(obj.translation_key, obj.name)


class PracticeSubmissionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 600}),
        help_text=_("Plain text, at most 600 characters."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What you did, for whom and how. Separate paragraphs with an empty line."
        ),
    )
    content_language = forms.ChoiceField(
        label=_("Language of your text"),
        choices=[("", "—")] + list(settings.CONTENT_LANGUAGE_CHOICES),
    )
    country = forms.ChoiceField(label=_("Country"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    sectors = TaxonomyChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = TaxonomyChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eqf_levels = forms.TypedMultipleChoiceField(
        label=_("EQF levels"),
        choices=[(level, f"EQF {level}") for level in range(1, 9)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _(
                "EQF levels run from 1 to 8; %(value)s is not an EQF level."
            )
        },
    )
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=500,
        help_text=_("Comma-separated, e.g. apprenticeship, green skills"),
    )
    funding_programme = forms.CharField(
        label=_("Funding programme"),
        max_length=120,
        required=False,
        help_text=_("e.g. Erasmus+ KA2, ESF+, regional"),
    )
    year_start = forms.IntegerField(
        label=_("First year"), min_value=1990, required=False
    )
    year_end = forms.IntegerField(
        label=_("Last year"),
        min_value=1990,
        required=False,
        help_text=_("Leave empty while ongoing"),
    )
    outcomes = forms.CharField(
        label=_("Outcomes and impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    materials = MultipleFileField(
        label=_("Materials"),
        required=False,
        help_text="",
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The language decides the page's locale (and its translation links),
            # fixed when the practice was first submitted.
            del self.fields["content_language"]
        self.fields["country"].choices = [("", "—")] + list(countries)
        sectors = Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        targets = TargetGroup.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        self.fields["sectors"].queryset = sectors
        self.fields["target_groups"].queryset = targets
        names = localised_names(
            list(sectors.values_list("translation_key", flat=True))
            + list(targets.values_list("translation_key", flat=True))
        )
        self.fields["sectors"].names = names
        self.fields["target_groups"].names = names
        this_year = datetime.date.today().year
        for name in ("year_start", "year_end"):
            self.fields[name].max_value = this_year + 10
            self.fields[name].widget.attrs["max"] = this_year + 10
            self.fields[name].validators.append(MaxValueValidator(this_year + 10))
        self.fields["materials"].help_text = _(
            "Documents and images, several at once. Accepted: %(types)s (not SVG); "
            "at most %(limit)s each. Files are not kept if the form has errors."
        ) % {"types": allowed_types_text(), "limit": filesizeformat(max_upload_bytes())}

    def clean_themes(self):
        tags = parse_tags(self.cleaned_data.get("themes", ""))
        too_long = [tag for tag in tags if len(tag) > 100]
        if too_long:
            raise ValidationError(_("Each theme may be at most 100 characters."))
        return tags

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_start"), cleaned.get("year_end")
        if start and end and end < start:
            self.add_error(
                "year_end", _("The last year cannot be before the first year.")
            )
        return cleaned
