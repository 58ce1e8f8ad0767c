"""The organisers' registrants export (written by vetnet.csv_export)."""

from ..models import Registration

# (header, Registration field)
REGISTRANT_COLUMNS = [
    ("name", "name"),
    ("email", "email"),
    ("organisation", "organisation"),
    ("country", "country"),
    ("role", "role"),
    ("needs", "needs"),
    ("language", "language"),
    ("status", "status"),
    ("registered_at", "created_at"),
    ("promoted_at", "promoted_at"),
    ("cancelled_at", "cancelled_at"),
    ("checked_in_at", "checked_in_at"),
]
REGISTRANT_HEADER = [header for header, _field in REGISTRANT_COLUMNS]


def registrants_filename(event):
    return f"{event.slug}-registrations.csv"


def registrant_rows(event):
    """One row of values per registration (times in the event's time zone),
    confirmed before waitlisted before cancelled, first come first."""
    registrations = Registration.objects.filter(event=event).order_by(
        "status", "created_at", "id"
    )
    for registration in registrations:
        row = []
        for _header, field in REGISTRANT_COLUMNS:
            value = getattr(registration, field)
            if hasattr(value, "isoformat"):
                value = value.astimezone(event.zone).isoformat()
            row.append(value or "")
        yield row
