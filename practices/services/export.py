"""CSV and JSON exports of a filtered view of the repository."""

from django_countries import countries

from vetnet import csv_export

from .listing import iter_export

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


def to_csv(rows):
    """The CSV file (BOM, escaped cells) of practice records."""
    return csv_export.to_text(
        [label for _key, label in COLUMNS],
        ([row[key] for key, _label in COLUMNS] for row in rows),
    )


def to_json_payload(rows, filters_params):
    results = list(rows)
    return {
        "count": len(results),
        "filters": filters_params,
        "results": results,
    }
