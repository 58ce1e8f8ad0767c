"""The one CSV writer of every export (practices, event registrants, ...).

Every file starts with a UTF-8 byte-order mark, so that spreadsheet programs read
Greek, Catalan or German names as UTF-8 rather than the local code page. Every cell
is made safe against formula injection: a cell that starts with =, +, -, @, a tab
or a carriage return is prefixed with an apostrophe, so that Excel, LibreOffice
and Google Sheets show it as text instead of running it. Lists (themes, sectors,
...) become one "; "-separated cell, escaped like any other.

Headers and values are in the visitor's language (the same words the forms and
the admin use: a registration's status reads "Waiting list", a country its name),
in a column order that does not change with it; a program that reads the
practices should take ?format=json, whose keys and codes stay English.

Moments are written as a spreadsheet reads a date and time in any locale,
"2030-03-04 13:05:09" (local_time), in the zone the reader plans in (an event's,
a counsellor's), which the column's header names (zone_header): an ISO stamp
with "T", microseconds and an offset stayed text in Excel and LibreOffice.
"""

import csv
import io
import zoneinfo

from django.http import HttpResponse
from django.utils.text import capfirst

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def cell(value):
    """One value as the text of a safe CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join("" if item is None else str(item) for item in value)
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def field_headers(model, names):
    """The headers of columns holding `model`'s fields `names`: their verbose
    names in the active language, capitalised."""
    return [capfirst(model._meta.get_field(name).verbose_name) for name in names]


def field_value(instance, name):
    """The value of `instance`'s field `name` as people read it: a choice's
    label in the active language ("Waiting list", not "waitlisted"; a country's
    name), any other value as it is."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices and value not in (None, ""):
        return instance._get_FIELD_display(field)
    return value


def local_time(value, zone):
    """A moment as date and time in `zone` (a name or a ZoneInfo), to the
    second, "" for none."""
    if value is None:
        return ""
    if isinstance(zone, str):
        zone = zoneinfo.ZoneInfo(zone)
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def zone_header(label, zone):
    """The header of a column of local_time values: "Registered at (Europe/Rome)"."""
    return f"{label} ({zone})"


def write(stream, header, rows):
    """Write the BOM, the header and the rows (iterables of values) to stream."""
    stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerow([cell(label) for label in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])


def to_text(header, rows):
    buffer = io.StringIO()
    write(buffer, header, rows)
    return buffer.getvalue()


def response(filename, header, rows):
    """An attachment response holding the CSV file."""
    answer = HttpResponse(content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    write(answer, header, rows)
    return answer
