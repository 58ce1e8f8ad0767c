"""The practices section of the home page (registered in PracticesConfig.ready)."""

from practices.models import PracticePage
from vetnet.routing import public, version_memo

LATEST_PRACTICES = 6


def latest_practices(limit=LATEST_PRACTICES):
    """The newest practices: they change only with a publish (kept per content
    version)."""
    return version_memo(
        "home-latest-practices",
        limit,
        lambda: list(
            public(PracticePage.objects.live())
            .select_related("organisation")
            .order_by("-first_published_at")[:limit]
        ),
    )
