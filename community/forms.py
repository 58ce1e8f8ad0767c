"""Forms of the community app: sign-up, member profile, organisation directory."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import MemberProfile
from .services.memberships import affiliations_of


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a name and an accessible honeypot.

    allauth adds the honeypot field (ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD) with an
    inline style and no label; a strict CSP drops the style and axe flags the
    unlabelled input, so the field gets a label and a class the stylesheet moves
    off-screen instead. allauth's try_save() still answers a filled-in honeypot
    with a fake "check your e-mail" page and creates nothing.
    """

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        honeypot = getattr(settings, "ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD", None)
        if honeypot and honeypot in self.fields:
            self.fields[honeypot].label = _("Leave this field empty")
            self.fields[honeypot].widget = forms.TextInput(
                attrs={"tabindex": "-1", "autocomplete": "off"}
            )
            self.fields[honeypot].is_honeypot = True

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        return user


class ProfileForm(forms.ModelForm):
    """The member's own profile, with the account's name fields."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=settings.CONTENT_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MemberProfile
        fields = [
            "organisation",
            "role",
            "country",
            "languages",
            "expertise",
            "bio",
            "is_public",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 1000})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        # Only organisations that approved the member: affiliation follows an
        # approved join request, asked for on the organisation's page.
        self.fields["organisation"].queryset = affiliations_of(user)
        self.fields["organisation"].required = False
        self.fields["organisation"].help_text = _(
            "Organisations that accepted your request to join. To join another "
            "one, open its page in the directory and ask to join."
        )
        self.order_fields(["first_name", "last_name", *self.Meta.fields])

    def save(self, commit=True):
        profile = super().save(commit=commit)
        self.user.first_name = self.cleaned_data["first_name"]
        self.user.last_name = self.cleaned_data["last_name"]
        self.user.save(update_fields=["first_name", "last_name"])
        return profile


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile will be deleted for good."),
    )
