"""Two to four countries side by side: each dimension's counts per country,
under the page's other filters (each column is /practices/?country=<code>&...)."""

from django_countries import countries

from taxonomy.names import country_name

from .charts import build_chart
from .figures import practice_figures

MIN_COUNTRIES, MAX_COUNTRIES = 2, 4
DIMENSIONS = ("sector", "theme", "eqf", "target", "language", "timeline")


def compared_codes(params):
    """The valid, distinct ``compare`` country codes in the order given (at
    most four), and whether some were dropped."""
    codes, dropped = [], False
    for value in params.getlist("compare"):
        code = value.strip().upper()
        if code in countries and code not in codes and len(codes) < MAX_COUNTRIES:
            codes.append(code)
        elif value.strip():
            dropped = True
    return codes, dropped


def comparison(params):
    """None when no comparison is asked for; else the countries, whether some
    were dropped, and (with two or more) a column per country and one table per
    dimension, rows of (label, [count per country])."""
    if "compare" not in params:
        return None
    codes, dropped = compared_codes(params)
    if len(codes) < MIN_COUNTRIES:
        return {"codes": codes, "dropped": dropped, "columns": [], "tables": []}
    figures = []
    for code in codes:
        scoped = params.copy()
        scoped.setlist("country", [code])
        figures.append(practice_figures(scoped))
    tables = []
    for slug in DIMENSIONS:
        charts = [build_chart(slug, one) for one in figures]
        labels, counts = {}, []
        for chart in charts:
            counts.append({row.value: row.count for row in chart.rows})
            for row in chart.rows:
                labels.setdefault(row.value, row.label)
        order = sorted(labels, key=lambda value: -sum(c.get(value, 0) for c in counts))
        if slug in ("eqf", "timeline"):
            order = sorted(labels, key=int)
        tables.append(
            {
                "slug": slug,
                "title": charts[0].title,
                "value_heading": charts[0].value_heading,
                "rows": [
                    (labels[value], [c.get(value, 0) for c in counts])
                    for value in order
                ],
            }
        )
    return {
        "codes": codes,
        "dropped": dropped,
        "columns": [
            {"code": code, "name": country_name(code), "total": one.total}
            for code, one in zip(codes, figures, strict=True)
        ],
        "tables": tables,
    }


def country_choices():
    """(code, name) of the countries on the map, by name, for the form."""
    from .mapdata import europe_shapes

    names = [(code, country_name(code)) for code in europe_shapes()["countries"]]
    return sorted(names, key=lambda pair: pair[1].lower())
