from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import ZONES, Counsellor, TimeOff, WeeklyHours

# The zones offered in the "show times in" menu: the network's, then the rest.
COMMON_ZONES = [
    "Europe/Athens",
    "Europe/Berlin",
    "Europe/Brussels",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Rome",
    "UTC",
]


def zone_choices(current=None):
    zones = list(COMMON_ZONES)
    if current and current not in zones:
        zones.insert(0, current)
    return [(z, z.replace("_", " ")) for z in zones]


def parse_slot(value):
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        raise forms.ValidationError(_("Choose one of the free times.")) from None
    if start.tzinfo is None:
        raise forms.ValidationError(_("Choose one of the free times."))
    return start.astimezone(UTC)


class RescheduleForm(forms.Form):
    slot = forms.CharField(label=_("New time"))

    def clean_slot(self):
        return parse_slot(self.cleaned_data["slot"])


class BookingForm(forms.Form):
    slot = forms.CharField(
        label=_("Time"),
        error_messages={"required": _("Choose a time for your appointment.")},
    )
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=200,
        help_text=_("A few words for the counsellor; only they will see it."),
    )
    time_zone = forms.ChoiceField(
        choices=[(z, z) for z in ZONES], widget=forms.HiddenInput
    )

    def clean_slot(self):
        return parse_slot(self.cleaned_data["slot"])


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Please give a reason.")},
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was the session?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a rating from 1 to 5."),
            "invalid_choice": _("Please choose a rating from 1 to 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the counsellor and the moderators only."),
    )


class CounsellorSettingsForm(forms.ModelForm):
    """What a counsellor sets on the site: languages, topics, sessions, zone."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, e.g. apprenticeships, green skills"),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=())

    class Meta:
        model = Counsellor
        fields = [
            "bio",
            "languages",
            "topics",
            "time_zone",
            "mode",
            "place",
            "session_minutes",
            "buffer_minutes",
            "booking_window_days",
            "minimum_notice_minutes",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = settings.CONTENT_LANGUAGE_CHOICES
        self.fields["time_zone"].choices = [(z, z) for z in ZONES]
        if self.instance.pk and not self.is_bound:
            self.initial["topics"] = ", ".join(self.instance.topics)

    def clean_topics(self):
        topics = [t.strip() for t in self.cleaned_data["topics"].split(",")]
        return [t[:60] for t in topics if t][:12]


HoursFormSet = inlineformset_factory(
    Counsellor,
    WeeklyHours,
    fields=["weekday", "start", "end"],
    extra=2,
    can_delete=True,
    widgets={
        "start": forms.TimeInput(attrs={"type": "time"}),
        "end": forms.TimeInput(attrs={"type": "time"}),
    },
)

TimeOffFormSet = inlineformset_factory(
    Counsellor,
    TimeOff,
    fields=["first_day", "last_day", "reason"],
    extra=1,
    can_delete=True,
    widgets={
        "first_day": forms.DateInput(attrs={"type": "date"}),
        "last_day": forms.DateInput(attrs={"type": "date"}),
    },
)
