"""A member's practices in their data export (registered in PracticesConfig.ready).

Nothing to erase: the practices stay online, credited to their organisation, and
`submitted_by` is cleared by the database (SET_NULL) when the account goes.
"""

from practices.models import PracticePage


def export_practices(user):
    return {
        "submitted_practices": [
            {"title": p.title, "url": p.url_path, "live": p.live}
            for p in PracticePage.objects.filter(submitted_by=user)
        ]
    }
