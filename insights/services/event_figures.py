"""An event's registrations in figures, for its organisers: by country and by
organisation type (the kind of organisation registrants said they come from,
the registration form's role). Active registrations only: confirmed seats and
the waiting list; cancelled ones are left out. Counted live (no cache): an
organiser watching registrations come in must see each one at once."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Registration
from taxonomy.names import country_name

from .charts import Chart, Row


def _active(event):
    return Registration.objects.filter(event=event).exclude(
        status=Registration.Status.CANCELLED
    )


def _grouped(event, field):
    rows = _active(event).order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}


def _summary(chart, total):
    if not chart.rows:
        return _("No registrations yet.")
    top = chart.rows[0]
    values = {"total": total, "count": top.count, "label": top.label}
    if chart.slug == "countries":
        return (
            ngettext(
                "%(total)d active registration; the most, %(count)d, from %(label)s.",
                "%(total)d active registrations; the most, %(count)d, from %(label)s.",
                total,
            )
            % values
        )
    return (
        ngettext(
            "%(total)d active registration; the most, %(count)d, as %(label)s.",
            "%(total)d active registrations; the most, %(count)d, as %(label)s.",
            total,
        )
        % values
    )


def _chart(slug, title, heading, counts, label):
    rows = [
        Row(label=label(value), value=value, count=n)
        for value, n in counts.items()
        if value
    ]
    rows.sort(key=lambda row: (-row.count, row.label.lower()))
    return Chart(
        slug, title, rows, value_heading=heading, count_heading=_("Registrations")
    )


def event_charts(event):
    """[by country, by organisation type] of the event's active registrations."""
    roles = dict(Registration.Role.choices)
    countries = _chart(
        "countries",
        _("Registrations by country"),
        _("Country"),
        _grouped(event, "country"),
        country_name,
    )
    types = _chart(
        "types",
        _("Registrations by organisation type"),
        _("Organisation type"),
        _grouped(event, "role"),
        lambda value: str(roles.get(value, value)),
    )
    total = sum(row.count for row in countries.rows)
    for chart in (countries, types):
        chart.summary = _summary(chart, total)
    return [countries, types]


def event_figures_page(event):
    """The organisers' page: both charts, each an image of its own (live counts:
    its response is private and never stored)."""
    from .images import attach_image, current_version, event_image_url, slug_url

    charts = event_charts(event)
    version = current_version()
    for chart in charts:
        attach_image(
            chart,
            **slug_url(lambda slug: event_image_url(event, version, slug), chart.slug),
        )
    return {"event": event, "charts": charts, "total": _active(event).count()}


def event_image_svg(event, slug):
    """The <img>'s drawing of one chart (untitled: the page names it), or None."""
    from .images import drawing, narrow_slug

    slug, narrow = narrow_slug(slug)
    chart = {chart.slug: chart for chart in event_charts(event)}.get(slug)
    return None if chart is None else drawing(chart, titled=False, narrow=narrow)


def event_download(event, slug, fmt):
    """(content, content type, filename) or the CSV response; None if unknown."""
    from .charts import csv_response
    from .images import drawing
    from .page import FORMATS, file_answer

    charts = {chart.slug: chart for chart in event_charts(event)}
    if slug not in charts or fmt not in FORMATS:
        return None
    chart = charts[slug]
    chart.slug = f"{event.slug}-{slug}"  # the file names the event
    if fmt == "csv":
        return csv_response(chart)
    return file_answer(drawing(chart), fmt, chart.slug)
