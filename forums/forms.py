from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from community.names import display_name

from .models import MESSAGE_MAX_LENGTH, POST_MAX_LENGTH
from .services.threads import counsellor_choices, users_by_username


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("An empty message cannot be sent.")},
    )
    # Made when the form is shown (and by room.js for each message it sends):
    # submitting the same message again does not store it twice.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the page: the browser would cut a long paste short
        # without a word, and the cut text would be sent. room.js (live) and
        # the form (plain POST) refuse it instead, say why and keep all of it.
        self.fields["text"].widget.attrs.pop("maxlength", None)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your post"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class CounsellingRequestForm(forms.Form):
    topic = forms.CharField(
        label=_("Topic"),
        max_length=160,
        help_text=_("What would you like counselling on?"),
    )
    description = forms.CharField(
        label=_("Describe your situation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    invite = forms.CharField(
        label=_("Invite members"),
        required=False,
        help_text=_("User names, separated by commas."),
    )
    counsellor = forms.ModelChoiceField(
        label=_("Counsellor"),
        queryset=None,
        required=False,
        empty_label=_("No counsellor yet"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["counsellor"].queryset = counsellor_choices()
        # Members choose a person by name, not by user name ("eleni.counsel").
        self.fields["counsellor"].label_from_instance = display_name

    def clean_invite(self):
        names = [n.strip() for n in self.cleaned_data["invite"].split(",")]
        users, unknown = users_by_username(names)
        if unknown:
            raise forms.ValidationError(
                _("No member is called: %(names)s") % {"names": ", ".join(unknown)}
            )
        return [u for u in users if self.user is None or u.pk != self.user.pk]


class PromoteExcerptForm(forms.Form):
    title = forms.CharField(label=_("Thread title"), max_length=200)
    messages = forms.TypedMultipleChoiceField(
        label=_("Messages to quote"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one message to promote.")},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["messages"].choices = choices


class PromoteThreadForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 4})
    )
    content_language = forms.ChoiceField(
        label=_("Language of the content"), choices=settings.CONTENT_LANGUAGE_CHOICES
    )
    country = forms.ChoiceField(label=_("Country"), choices=countries)


class ModerationForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
