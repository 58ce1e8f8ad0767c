"""The organisers' registrants export (written by vetnet.csv_export)."""

from vetnet import csv_export

from ..models import Registration

# The Registration fields, in column order (headers: their names in the
# organiser's language, as on the registration form and in the admin).
REGISTRANT_COLUMNS = [
    "name",
    "email",
    "organisation",
    "country",
    "role",
    "needs",
    "language",
    "status",
    "created_at",
    "promoted_at",
    "cancelled_at",
    "checked_in_at",
]


def _is_moment(name):
    return Registration._meta.get_field(name).get_internal_type() == "DateTimeField"


def registrant_header(event):
    """The columns' names; those of times name the event's zone they are in."""
    return [
        csv_export.zone_header(label, event.zone.key) if _is_moment(name) else label
        for name, label in zip(
            REGISTRANT_COLUMNS,
            csv_export.field_headers(Registration, REGISTRANT_COLUMNS),
            strict=True,
        )
    ]


def registrants_filename(event):
    return f"{event.slug}-registrations.csv"


def registrant_rows(event):
    """One row of values per registration (times in the event's time zone,
    choices by their names in the active language), confirmed before
    waitlisted before cancelled, first come first."""
    registrations = Registration.objects.filter(event=event).order_by(
        "status", "created_at", "id"
    )
    for registration in registrations:
        row = []
        for field in REGISTRANT_COLUMNS:
            value = csv_export.field_value(registration, field)
            if _is_moment(field):
                value = csv_export.local_time(value, event.zone)
            row.append(value or "")
        yield row
