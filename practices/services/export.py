"""CSV and JSON exports of a filtered view of the repository."""

import json

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxonomy.names import country_name, language_name
from vetnet import csv_export
from vetnet.site import absolute_url

from .listing import iter_export, parse_filters
from .listing.filters import FILTER_PARAMS

# (key of the JSON export, CSV header): the headers in the visitor's language
# (a URL is a URL in every one), the JSON keys and the column order fixed.
COLUMNS = [
    ("title", gettext_lazy("Title")),
    ("url", "URL"),
    ("language", gettext_lazy("Language")),
    ("country", gettext_lazy("Country")),
    ("organisation", gettext_lazy("Organisation")),
    ("sectors", gettext_lazy("Sectors")),
    ("target_groups", gettext_lazy("Target groups")),
    ("eqf_levels", gettext_lazy("EQF levels")),
    ("themes", gettext_lazy("Themes")),
    ("funding_programme", gettext_lazy("Funding programme")),
    ("year_start", gettext_lazy("First year")),
    ("year_end", gettext_lazy("Last year")),
    ("summary", gettext_lazy("Summary")),
    ("outcomes", gettext_lazy("Outcomes and impact")),
    ("contact_name", gettext_lazy("Contact")),
    ("first_published_at", gettext_lazy("Published")),
]


def practice_record(page, url):
    return {
        "title": page.title,
        "url": url,
        "language": page.content_language,
        "country": page.country.code,
        "country_name": country_name(page.country.code),
        "organisation": page.organisation.name if page.organisation else "",
        "sectors": [item["name"] for item in page.card_sectors],
        "target_groups": [item["name"] for item in page.card_targets],
        "eqf_levels": page.card_eqf,
        "themes": page.card_themes,
        "funding_programme": page.funding_programme,
        "year_start": page.year_start,
        "year_end": page.year_end,
        "summary": page.summary,
        "outcomes": page.outcomes,
        "contact_name": page.contact_name,
        "first_published_at": (
            page.first_published_at.isoformat() if page.first_published_at else None
        ),
    }


def records(params, url_for):
    """Dicts of every practice in the filtered view; url_for(page) -> absolute URL."""
    for page in iter_export(params):
        yield practice_record(page, url_for(page))


def csv_values(record):
    """A record's CSV cells: the language and the country by their names in the
    visitor's language, as the headers are ("Catalan", "Spain"); the JSON export
    keeps the codes for programs."""
    values = dict(record)
    values["language"] = language_name(record["language"])
    values["country"] = record["country_name"]
    return [values[key] for key, _label in COLUMNS]


def to_csv(rows):
    """The CSV file (BOM, escaped cells) of practice records."""
    return csv_export.to_text(
        [label for _key, label in COLUMNS], (csv_values(row) for row in rows)
    )


def to_json_payload(rows, filters_params):
    results = list(rows)
    return {
        "count": len(results),
        "filters": filters_params,
        "results": results,
    }


def absolute_url_for(request, index):
    """Absolute URL of a practice under the index, on SITE_URL (whatever host
    the request used)."""
    base = absolute_url(index.get_url(request))

    def url_for(page):
        return f"{base}{page.slug}/"

    return url_for


def invalid_filters_response(params, export_format):
    """An export with a filter value that cannot be valid would export more than
    asked (the value is ignored): refuse it with the reasons instead (issue 14)."""
    invalid = [
        item for item in parse_filters(params).ignored if item.name in FILTER_PARAMS
    ]
    if not invalid:
        return None
    message = _("Some filters are not valid; nothing was exported.")
    if export_format == "json":
        body = {
            "error": message,
            "invalid": [
                {"param": item.name, "value": item.value, "reason": item.reason}
                for item in invalid
            ],
        }
        return HttpResponseBadRequest(
            json.dumps(body, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    lines = [message, *(str(item) for item in invalid)]
    return HttpResponseBadRequest(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


def export_response(request, index, export_format):
    """The filtered repository as a CSV or JSON download (?format=csv|json)."""
    refusal = invalid_filters_response(request.GET, export_format)
    if refusal is not None:
        return refusal
    url_for = absolute_url_for(request, index)
    rows = records(request.GET, url_for)
    if export_format == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="practices.csv"'
        return response
    params = parse_filters(request.GET).params(page=None, sort=None)
    payload = to_json_payload(rows, params)
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
