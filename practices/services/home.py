"""The practices section of the home page (registered in PracticesConfig.ready)."""

from practices.models import PracticePage
from vetnet.routing import public

LATEST_PRACTICES = 6


def latest_practices(limit=LATEST_PRACTICES):
    return list(
        public(PracticePage.objects.live())
        .select_related("organisation")
        .order_by("-first_published_at")[:limit]
    )
