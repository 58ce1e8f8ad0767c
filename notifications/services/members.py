"""Names for @mention autocomplete: members whose profile is public."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from community.names import display_name

LIMIT = 8


def mention_candidates(q, exclude=None):
    q = (q or "").strip().lstrip("@")[:50]
    if len(q) < 1:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True, profile__is_public=True)
        .filter(
            Q(username__istartswith=q)
            | Q(first_name__istartswith=q)
            | Q(last_name__istartswith=q)
        )
        .order_by("first_name", "last_name", "username")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude)
    return [
        {"username": user.username, "name": display_name(user)}
        for user in users[:LIMIT]
    ]
