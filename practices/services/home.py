"""The practices section of the home page (registered in PracticesConfig.ready)."""

from practices.models import PracticePage

LATEST_PRACTICES = 6


def latest_practices(limit=LATEST_PRACTICES):
    return list(
        PracticePage.objects.live()
        .public()
        .select_related("organisation")
        .order_by("-first_published_at")[:limit]
    )
