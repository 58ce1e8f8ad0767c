"""The insights figures against the listing's facet counts, for the same
filters, and against counts taken straight from the tables (no listing code).

Used by `python -m bench.insights` on the benchmark's 10,000 practices and by
tests/insights/test_equality_10k.py; needs Django set up and the test client's
instrumentation (``setup_test_environment``) for the views' context.
"""

from django.db.models import Count

FACETS = ("country", "sector", "theme", "eqf", "target", "language")


def _listing(client, query):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 200, (query, response.status_code)
    facets = response.context["facets"]
    counts = {
        name: {str(option.value): option.count for option in facets[name]}
        for name in FACETS
    }
    return response.context["total"], counts


def _insights(client, query):
    response = client.get(f"/insights/?{query}")
    assert response.status_code == 200, (query, response.status_code)
    charts = {chart.slug: chart for chart in response.context["charts"]}
    counts = {
        name: {row.value: row.count for row in charts[name].rows} for name in FACETS
    }
    return response.context["total"], counts


def direct_counts():
    """Unfiltered counts from the tables themselves: live practices by country,
    content language, sector, target group and EQF level."""
    from practices.models import PracticePage

    live = PracticePage.objects.live()

    def by(field):
        rows = live.order_by().values(field).annotate(n=Count("pk", distinct=True))
        return {str(row[field]): row["n"] for row in rows if row[field] is not None}

    return live.count(), {
        "country": by("country"),
        "language": by("content_language"),
        "sector": by("sectors__slug"),
        "target": by("target_groups__slug"),
        "eqf": by("eqf_levels__level"),
    }


def _within(query, name, values):
    """Practices of /practices/?<query> with each value of facet ``name``,
    counted one value at a time (a chosen facet: the listing counts it apart
    from its own choice, the charts within the chosen set)."""
    from django.http import QueryDict

    from practices.services.listing.filters import parse_filters
    from practices.services.listing.queryset import FACET_CONDITIONS, matching

    chosen = matching(parse_filters(QueryDict(query)))
    counts = {}
    for value in values:
        n = chosen.filter(FACET_CONDITIONS[name]([value])).count()
        if n:
            counts[str(value)] = n
    return counts


def mismatches(client, queries):
    """Lines describing every difference (empty when all agree). A facet the
    filters do not choose must chart the listing's own counts; a chosen one
    (the listing counts it as if unchosen, to show what another value would
    add) is counted within the filtered set, value by value."""
    from django.http import QueryDict

    problems = []
    for query in queries:
        listing_total, listing = _listing(client, query)
        insights_total, insights = _insights(client, query)
        if listing_total != insights_total:
            problems.append(f"?{query}: total {insights_total} != {listing_total}")
        params = QueryDict(query)
        for name in FACETS:
            expected = listing[name]
            if params.getlist(name):
                expected = _within(query, name, listing[name])
            if insights[name] != expected:
                problems.append(
                    f"?{query}: {name} {insights[name]} != listing {expected}"
                )
        if not query:
            total, direct = direct_counts()
            if total != insights_total:
                problems.append(f"total {insights_total} != tables {total}")
            for name, counts in direct.items():
                if insights[name] != counts:
                    problems.append(f"{name} {insights[name]} != tables {counts}")
    return problems
