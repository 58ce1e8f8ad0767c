from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .models import Registration


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=255, required=False
    )
    # Called at each rendering: country names in the page's language.
    country = LazyTypedChoiceField(
        label=_("Country"), choices=lambda: [("", "---------"), *countries]
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "---------")] + Registration.Role.choices
    )
    needs = forms.CharField(
        label=_("Accessibility or dietary needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tell us what would help you take part (optional)."),
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails"), choices=settings.LANGUAGES
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is used to organise this event."
        ),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", translation.get_language() or "en")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean_language(self):
        value = self.cleaned_data["language"]
        return value if value in dict(settings.LANGUAGES) else "en"


class OrganiserAddForm(RegistrationForm):
    """Organisers add people by hand; consent is recorded by the organiser."""

    consent = forms.BooleanField(
        label=_("The person agreed to the privacy notice"),
        error_messages={"required": _("Record the person's consent first.")},
    )


class UpdateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 6})
    )
