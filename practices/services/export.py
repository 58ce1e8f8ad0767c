"""CSV and JSON exports of a filtered view of the repository."""

import csv
import io

from django_countries import countries

from .listing import iter_export

BOM = "\ufeff"  # lets Excel detect UTF-8 (Greek, Catalan, German umlauts ...)

COLUMNS = [
    ("title", "Title"),
    ("url", "URL"),
    ("language", "Language"),
    ("country", "Country"),
    ("organisation", "Organisation"),
    ("sectors", "Sectors"),
    ("target_groups", "Target groups"),
    ("eqf_levels", "EQF levels"),
    ("themes", "Themes"),
    ("funding_programme", "Funding programme"),
    ("year_start", "First year"),
    ("year_end", "Last year"),
    ("summary", "Summary"),
    ("outcomes", "Outcomes and impact"),
    ("contact_name", "Contact"),
    ("first_published_at", "Published"),
]


def practice_record(page, url):
    return {
        "title": page.title,
        "url": url,
        "language": page.content_language,
        "country": page.country.code,
        "country_name": countries.name(page.country.code),
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


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if value is None:
        return ""
    text = str(value)
    # Neutralise spreadsheet formulas in member-written text (CSV injection).
    if text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def to_csv(rows):
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row[key]) for key, _label in COLUMNS])
    return buffer.getvalue()


def to_json_payload(rows, filters_params):
    results = list(rows)
    return {
        "count": len(results),
        "filters": filters_params,
        "results": results,
    }
